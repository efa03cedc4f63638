import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { TrashIcon } from "../ui/icons.tsx";
import { Feedback } from "./Feedback.tsx";
import { Field } from "./Field.tsx";
import { formatWhen } from "./format.ts";
import { RecordTable } from "./RecordTable.tsx";
import { useFeedback } from "./use-feedback.ts";
import { useLoad } from "./use-load.ts";

/** Named secrets for MCP servers whose headers ask for `{{user.secret.NAME}}`: stored sealed, never shown again. */
export function SecretsSection() {
  const client = useClient();
  const { data: secrets, error: loadError, reload } = useLoad(useCallback(() => client.secrets.list(), [client]));
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const { feedback, setFeedback, run } = useFeedback();

  const save = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await client.secrets.put(name.trim(), value);
      setName("");
      setValue("");
      setFeedback(undefined);
      await reload();
    });
  };
  const remove = (secret: string) =>
    run(async () => {
      await client.secrets.remove(secret);
      await reload();
    });

  return (
    <div className="settings-stack">
      <form className="settings-card" onSubmit={(event) => void save(event)}>
        <h2>Set a secret</h2>
        <p className="settings-hint">
          Tools of MCP servers that need your own credentials name them as <code>{"{{user.secret.NAME}}"}</code>; your
          calls send yours, nobody else's. Setting a name again replaces its value.
        </p>
        <div className="field-row">
          <Field label="Name">
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={64}
              pattern="[A-Za-z0-9_.\-]+"
              placeholder="e.g. GITHUB_TOKEN"
            />
          </Field>
          <Field label="Value">
            <input
              type="password"
              autoComplete="off"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              required
            />
          </Field>
        </div>
        <button type="submit" className="button primary">
          Save secret
        </button>
        <Feedback message={feedback} />
      </form>
      <div className="settings-card">
        <h2>Your secrets</h2>
        <RecordTable
          items={secrets}
          error={loadError}
          empty="No secrets yet."
          columns={["Name", "Value", "Updated"]}
          rowKey={(secret) => secret.name}
          cells={(secret) => (
            <>
              <td className="mono">{secret.name}</td>
              <td className="mono">{secret.hint}</td>
              <td>{formatWhen(secret.updatedAt)}</td>
            </>
          )}
          actions={(secret) => (
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete ${secret.name}`}
              onClick={() => void remove(secret.name)}
            >
              <TrashIcon />
            </button>
          )}
        />
      </div>
    </div>
  );
}
