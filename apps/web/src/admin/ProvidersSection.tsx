import type { ConnectionKind } from "@slipstream/protocol";
import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { Feedback } from "../settings/Feedback.tsx";
import { Field } from "../settings/Field.tsx";
import { RecordTable } from "../settings/RecordTable.tsx";
import { useFeedback } from "../settings/use-feedback.ts";
import { useLoad } from "../settings/use-load.ts";
import { TrashIcon } from "../ui/icons.tsx";

const KINDS: { id: ConnectionKind; label: string }[] = [
  { id: "openai-compatible", label: "OpenAI-compatible (Ollama, vLLM, OpenRouter, Groq, LM Studio)" },
  { id: "mistral", label: "Mistral" },
  { id: "deepseek", label: "DeepSeek" },
  { id: "vercel", label: "Vercel v0" },
];

/** Providers connected at run time, beside the environment's; their keys are sealed like users' keys. */
export function ProvidersSection({ onChanged }: { onChanged: () => void }) {
  const client = useClient();
  const {
    data: connections,
    error: loadError,
    reload,
  } = useLoad(useCallback(() => client.admin.connections(), [client]));
  const [kind, setKind] = useState<ConnectionKind>("openai-compatible");
  const [name, setName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [apiKey, setApiKey] = useState("");
  const { feedback, setFeedback, run } = useFeedback();

  const add = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const connection = await client.admin.addConnection({
        kind,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(apiKey ? { apiKey } : {}),
      });
      setFeedback({ kind: "ok", text: `Connected ${connection.name}.` });
      setName("");
      setBaseUrl("");
      setApiKey("");
      await reload();
      onChanged();
    });
  };
  const remove = (id: string) =>
    run(async () => {
      await client.admin.removeConnection(id);
      await reload();
      onChanged();
    });
  const custom = kind === "openai-compatible";

  return (
    <div className="settings-stack">
      <div className="settings-card wide">
        <h2>Provider connections</h2>
        <RecordTable
          items={connections}
          error={loadError}
          empty="None beside the environment's."
          columns={["Name", "Kind", "Base URL", "Key"]}
          rowKey={(connection) => connection.id}
          cells={(connection) => (
            <>
              <td className="mono">{connection.name}</td>
              <td>{connection.kind}</td>
              <td className="mono">{connection.baseUrl ?? "default"}</td>
              <td className="mono">{connection.hint ?? "none"}</td>
            </>
          )}
          actions={(connection) => (
            <button
              type="button"
              className="icon-button small"
              aria-label={`Remove ${connection.name}`}
              onClick={() => void remove(connection.id)}
            >
              <TrashIcon />
            </button>
          )}
        />
      </div>
      <form className="settings-card" onSubmit={(event) => void add(event)}>
        <h2>Connect a provider</h2>
        <Field label="Kind">
          <select value={kind} onChange={(event) => setKind(event.target.value as ConnectionKind)}>
            {KINDS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="field-row">
          <Field label={`Name${custom ? "" : " (optional)"}`}>
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              required={custom}
              pattern="[a-z0-9][a-z0-9\-]*"
              placeholder={custom ? "e.g. ollama" : kind}
            />
          </Field>
          <Field label={`Base URL${custom ? "" : " (optional)"}`}>
            <input
              type="url"
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
              required={custom}
              placeholder="http://ollama:11434/v1"
            />
          </Field>
        </div>
        <Field label={`API key${custom ? " (if it needs one)" : ""}`}>
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            required={!custom}
          />
        </Field>
        <button type="submit" className="button primary">
          Connect
        </button>
        <Feedback message={feedback} />
      </form>
    </div>
  );
}
