import type { KeyProvider } from "@slipstream/protocol";
import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { TrashIcon } from "../ui/icons.tsx";
import { Feedback } from "./Feedback.tsx";
import { Field } from "./Field.tsx";
import { formatWhen } from "./format.ts";
import { RecordTable } from "./RecordTable.tsx";
import { useFeedback } from "./use-feedback.ts";
import { useLoad } from "./use-load.ts";

const PROVIDERS: { id: KeyProvider; label: string }[] = [
  { id: "openai", label: "OpenAI" },
  { id: "anthropic", label: "Anthropic" },
  { id: "google", label: "Google Gemini" },
  { id: "xai", label: "xAI" },
  { id: "openai-compatible", label: "OpenAI-compatible server" },
];

/** Your own provider keys: checked with the provider when added, then shown only by their last characters. */
export function KeysSection({ onChanged }: { onChanged: () => void }) {
  const client = useClient();
  const { data: keys, error: loadError, reload } = useLoad(useCallback(() => client.keys.list(), [client]));
  const [provider, setProvider] = useState<KeyProvider>("openai");
  const [apiKey, setApiKey] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [label, setLabel] = useState("");
  const [checking, setChecking] = useState(false);
  const { feedback, setFeedback, run } = useFeedback();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setFeedback(undefined);
    await run(async () => {
      const key = await client.keys.add({
        provider,
        apiKey,
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(label.trim() ? { label: label.trim() } : {}),
      });
      setApiKey("");
      setBaseUrl("");
      setLabel("");
      setFeedback({ kind: "ok", text: `The provider accepted the key. Models of ${key.modelProvider} now use it.` });
      await reload();
      onChanged();
    });
    setChecking(false);
  };
  const remove = (id: string) =>
    run(async () => {
      await client.keys.remove(id);
      await reload();
      onChanged();
    });

  return (
    <div className="settings-stack">
      <div className="settings-card">
        <h2>Your provider keys</h2>
        <p className="settings-hint">
          Your key is used for your own requests to that provider, ahead of the server's. It is stored encrypted and
          never shown again.
        </p>
        <RecordTable
          items={keys}
          error={loadError}
          empty="No keys yet."
          columns={["Label", "Provider", "Key", "Last used"]}
          rowKey={(key) => key.id}
          cells={(key) => (
            <>
              <td>{key.label}</td>
              <td>
                {key.modelProvider}
                {key.baseUrl && <span className="settings-sub">{key.baseUrl}</span>}
              </td>
              <td className="mono">{key.hint}</td>
              <td>{formatWhen(key.lastUsedAt)}</td>
            </>
          )}
          actions={(key) => (
            <button
              type="button"
              className="icon-button small"
              aria-label={`Delete key ${key.label}`}
              onClick={() => void remove(key.id)}
            >
              <TrashIcon />
            </button>
          )}
        />
      </div>
      <form className="settings-card" onSubmit={(event) => void add(event)}>
        <h2>Add a key</h2>
        <div className="field-row">
          <Field label="Provider">
            <select value={provider} onChange={(event) => setProvider(event.target.value as KeyProvider)}>
              {PROVIDERS.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Label">
            <input
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              placeholder={provider === "openai-compatible" ? "e.g. My Ollama" : "optional"}
            />
          </Field>
        </div>
        <Field label="API key">
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            required
          />
        </Field>
        <Field label={`Base URL${provider === "openai-compatible" ? "" : " (optional)"}`}>
          <input
            type="url"
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            placeholder="https://api.example.com/v1"
            required={provider === "openai-compatible"}
          />
        </Field>
        <button type="submit" className="button primary" disabled={checking}>
          {checking ? "Checking with the provider…" : "Check and add key"}
        </button>
        <Feedback message={feedback} />
      </form>
    </div>
  );
}
