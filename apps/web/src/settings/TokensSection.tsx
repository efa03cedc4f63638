import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { CopyIcon } from "../ui/icons.tsx";
import { Feedback } from "./Feedback.tsx";
import { Field } from "./Field.tsx";
import { formatWhen } from "./format.ts";
import { RecordTable } from "./RecordTable.tsx";
import { useFeedback } from "./use-feedback.ts";
import { useLoad } from "./use-load.ts";

const EXPIRIES = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: 0, label: "Never" },
];

/** Personal API tokens for scripts and tools (`/api`, `/v1`): the secret is shown once, then only its prefix. */
export function TokensSection() {
  const client = useClient();
  const { data: tokens, error: loadError, reload } = useLoad(useCallback(() => client.tokens.list(), [client]));
  const [name, setName] = useState("");
  const [days, setDays] = useState(90);
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const [copied, setCopied] = useState(false);
  const { feedback, setFeedback, run } = useFeedback();

  const create = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const { token, secret } = await client.tokens.create({
        name: name.trim(),
        ...(days > 0 ? { expiresInDays: days } : {}),
      });
      setCreated({ name: token.name, secret });
      setCopied(false);
      setName("");
      setFeedback(undefined);
      await reload();
    });
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created.secret);
    setCopied(true);
  };
  const revoke = (id: string) =>
    run(async () => {
      await client.tokens.revoke(id);
      await reload();
    });

  return (
    <div className="settings-stack">
      <form className="settings-card" onSubmit={(event) => void create(event)}>
        <h2>Create a token</h2>
        <p className="settings-hint">
          Send it as <code>Authorization: Bearer …</code> to <code>/api</code> and to the OpenAI-compatible{" "}
          <code>{window.location.origin}/v1</code>.
        </p>
        <div className="field-row">
          <Field label="Token name">
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={100}
              placeholder="e.g. laptop scripts"
            />
          </Field>
          <Field label="Expires">
            <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {EXPIRIES.map((option) => (
                <option key={option.days} value={option.days}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className="button primary">
          Create token
        </button>
        <Feedback message={feedback} />
      </form>
      {created && (
        <div className="settings-card secret-card" role="status">
          <h2>Copy “{created.name}” now</h2>
          <p className="settings-hint">This is the only time the token is shown.</p>
          <div className="secret-row">
            <code className="secret">{created.secret}</code>
            <button type="button" className="button" onClick={() => void copy()}>
              <CopyIcon />
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <button type="button" className="button" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </div>
      )}
      <div className="settings-card">
        <h2>Your tokens</h2>
        <RecordTable
          items={tokens}
          error={loadError}
          empty="No tokens yet."
          columns={["Name", "Token", "Expires", "Last used"]}
          rowKey={(token) => token.id}
          cells={(token) => (
            <>
              <td>{token.name}</td>
              <td className="mono">{token.prefix}…</td>
              <td>{token.expiresAt ? formatWhen(token.expiresAt) : "never"}</td>
              <td>{formatWhen(token.lastUsedAt)}</td>
            </>
          )}
          actions={(token) => (
            <button
              type="button"
              className="button small"
              onClick={() => void revoke(token.id)}
              aria-label={`Revoke token ${token.name}`}
            >
              Revoke
            </button>
          )}
        />
      </div>
    </div>
  );
}
