import type { Conversation, ConversationParams, UpdateConversationBody } from "@slipstream/protocol";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field } from "../settings/Field.tsx";
import { errorMessage } from "../settings/format.ts";
import { useToolCatalog } from "./use-tool-catalog.ts";

const numberOrUndefined = (text: string) => (text.trim() === "" ? undefined : Number(text));
const text = (value: number | undefined) => (value === undefined ? "" : String(value));

/** Which tools are on in the conversation (toggled in the composer's Tools menu), and those that are gone. */
function ToolsOn({ ids }: { ids: string[] }) {
  const catalog = useToolCatalog().tools;
  return (
    <section className="conversation-tools" aria-label="Tools on in this conversation">
      <h3>Tools on</h3>
      {ids.length === 0 ? (
        <p className="settings-sub">None. Turn tools on in the composer's Tools menu.</p>
      ) : (
        <ul>
          {ids.map((id) => {
            const tool = catalog.find((known) => known.id === id);
            return (
              <li key={id}>
                <span className="mono">{tool?.name ?? id}</span>{" "}
                <span className={tool ? "settings-sub" : "settings-sub error"}>
                  {tool ? tool.source : "unavailable now (its server or plugin is down or gone)"}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The conversation's system prompt and model parameters, in a dialog opened from its header. */
export function ConversationSettings({
  conversation,
  onSave,
  onClose,
}: {
  conversation: Conversation;
  onSave: (body: UpdateConversationBody) => Promise<void>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [systemPrompt, setSystemPrompt] = useState(conversation.systemPrompt);
  const [temperature, setTemperature] = useState(text(conversation.params.temperature));
  const [maxOutputTokens, setMaxOutputTokens] = useState(text(conversation.params.maxOutputTokens));
  const [topP, setTopP] = useState(text(conversation.params.topP));
  const [error, setError] = useState<string>();

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const params: ConversationParams = Object.fromEntries(
      Object.entries({
        temperature: numberOrUndefined(temperature),
        maxOutputTokens: numberOrUndefined(maxOutputTokens),
        topP: numberOrUndefined(topP),
      }).filter(([, value]) => value !== undefined),
    );
    try {
      await onSave({ systemPrompt, params });
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="conversation-settings-title" onClose={onClose}>
      <form method="dialog" className="dialog-form" onSubmit={(event) => void save(event)}>
        <h2 id="conversation-settings-title">Conversation settings</h2>
        <Field label="System prompt">
          <textarea
            rows={5}
            value={systemPrompt}
            onChange={(event) => setSystemPrompt(event.target.value)}
            placeholder="Sent to the model before the conversation, e.g. “Answer briefly.”"
          />
        </Field>
        <div className="field-row three">
          <Field label="Temperature">
            <input
              type="number"
              min={0}
              max={2}
              step={0.1}
              value={temperature}
              onChange={(event) => setTemperature(event.target.value)}
              placeholder="default"
            />
          </Field>
          <Field label="Max output tokens">
            <input
              type="number"
              min={1}
              step={1}
              value={maxOutputTokens}
              onChange={(event) => setMaxOutputTokens(event.target.value)}
              placeholder="default"
            />
          </Field>
          <Field label="Top P">
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={topP}
              onChange={(event) => setTopP(event.target.value)}
              placeholder="default"
            />
          </Field>
        </div>
        <ToolsOn ids={conversation.tools} />
        {error && (
          <p className="settings-status error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Save settings
          </button>
        </div>
      </form>
    </dialog>
  );
}
