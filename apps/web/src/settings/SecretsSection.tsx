import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { TrashIcon } from "../ui/icons.tsx";
import { Alert } from "./Alert.tsx";
import { Field } from "./Field.tsx";
import { errorMessage, formatWhen } from "./format.ts";
import { useLoad } from "./use-load.ts";

/** Named secrets for MCP servers whose headers ask for `{{user.secret.NAME}}`: stored sealed, never shown again. */
export function SecretsSection() {
  const client = useClient();
  const { data: secrets, error: loadError, reload } = useLoad(useCallback(() => client.secrets.list(), [client]));
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.secrets.put(name.trim(), value);
      setName("");
      setValue("");
      setError(undefined);
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const remove = async (secret: string) => {
    try {
      await client.secrets.remove(secret);
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

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
        <Alert message={error} />
      </form>
      <div className="settings-card">
        <h2>Your secrets</h2>
        <Alert message={loadError} />
        {secrets && secrets.length === 0 && <p className="settings-empty">No secrets yet.</p>}
        {secrets && secrets.length > 0 && (
          <table className="settings-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {secrets.map((secret) => (
                <tr key={secret.name}>
                  <td className="mono">{secret.name}</td>
                  <td className="mono">{secret.hint}</td>
                  <td>{formatWhen(secret.updatedAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Delete ${secret.name}`}
                      onClick={() => void remove(secret.name)}
                    >
                      <TrashIcon />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
