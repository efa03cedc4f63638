import type { Trigger, TriggerKind, TriggerRun } from "@slipstream/protocol";
import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { conversationPath } from "../app/use-route.ts";
import { ExpandableList } from "./ExpandableList.tsx";
import { Field } from "./Field.tsx";
import { errorMessage, formatWhen } from "./format.ts";
import { SecretCard } from "./SecretCard.tsx";
import { useLoad } from "./use-load.ts";

const KINDS: { id: TriggerKind; label: string }[] = [
  { id: "webhook", label: "Webhook" },
  { id: "schedule", label: "Schedule" },
  { id: "poll", label: "Poll a URL" },
];

function TriggerRuns({ trigger }: { trigger: Trigger }) {
  const client = useClient();
  const { data: runs, error } = useLoad(useCallback(() => client.triggers.runs(trigger.id), [client, trigger.id]));
  if (error) return <p className="settings-status error">{error}</p>;
  if (!runs) return null;
  if (runs.length === 0) return <p className="settings-empty">No runs yet.</p>;
  return (
    <table className="settings-table" aria-label={`Runs of ${trigger.name}`}>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Status</th>
          <th scope="col">Conversation</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run: TriggerRun) => (
          <tr key={run.id}>
            <td>{formatWhen(run.startedAt ?? run.createdAt)}</td>
            <td title={run.error ?? undefined}>{run.error ? `error: ${run.error}` : run.status}</td>
            <td>{run.conversationId ? <a href={conversationPath(run.conversationId)}>Open</a> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** When a trigger runs, in a few words. */
function describe(trigger: Trigger): string {
  if (trigger.kind === "schedule") return `${trigger.schedule} (${trigger.timezone})`;
  if (trigger.kind === "poll") return `${trigger.url} every ${trigger.intervalSeconds} s`;
  return trigger.hookPath ?? "";
}

/** Triggers that start conversations from outside: a signed webhook, a schedule, or a polled URL that changed. */
export function TriggersSection() {
  const client = useClient();
  const { data: triggers, error: loadError, reload } = useLoad(useCallback(() => client.triggers.list(), [client]));
  const [kind, setKind] = useState<TriggerKind>("webhook");
  const [name, setName] = useState("");
  const [prompt, setPrompt] = useState("");
  const [schedule, setSchedule] = useState("0 9 * * 1-5");
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [url, setUrl] = useState("");
  const [interval, setInterval] = useState(300);
  const [created, setCreated] = useState<{ name: string; url: string; secret: string }>();
  const [error, setError] = useState<string>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { trigger, secret } = await client.triggers.create({
        kind,
        name: name.trim(),
        prompt,
        ...(kind === "schedule" ? { schedule, timezone } : {}),
        ...(kind === "poll" ? { url, intervalSeconds: interval } : {}),
      });
      if (secret && trigger.hookPath) {
        setCreated({ name: trigger.name, url: new URL(trigger.hookPath, window.location.origin).href, secret });
      }
      setName("");
      setPrompt("");
      setError(undefined);
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <div className="settings-stack">
      <form className="settings-card" onSubmit={(event) => void create(event)}>
        <h2>Create a trigger</h2>
        <p className="settings-hint">
          Each run sends the prompt as you, into a new conversation. Use <code>{"{{body.some.field}}"}</code> for a
          webhook's JSON and <code>{"{{content}}"}</code> for a polled page.
        </p>
        <div className="field-row">
          <Field label="Kind">
            <select value={kind} onChange={(event) => setKind(event.target.value as TriggerKind)}>
              {KINDS.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Trigger name">
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
          </Field>
        </div>
        <Field label="Prompt">
          <textarea value={prompt} onChange={(event) => setPrompt(event.target.value)} required rows={3} />
        </Field>
        {kind === "schedule" && (
          <div className="field-row">
            <Field label="Schedule (cron, 5 fields)">
              <input value={schedule} onChange={(event) => setSchedule(event.target.value)} required />
            </Field>
            <Field label="Timezone">
              <input value={timezone} onChange={(event) => setTimezone(event.target.value)} required />
            </Field>
          </div>
        )}
        {kind === "poll" && (
          <div className="field-row">
            <Field label="URL to poll">
              <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} required />
            </Field>
            <Field label="Every (seconds)">
              <input
                type="number"
                min={30}
                value={interval}
                onChange={(event) => setInterval(Number(event.target.value))}
              />
            </Field>
          </div>
        )}
        <button type="submit" className="button primary">
          Create trigger
        </button>
        {error && (
          <p className="settings-status error" role="alert">
            {error}
          </p>
        )}
      </form>
      {created && (
        <SecretCard
          title={`Copy “${created.name}” now`}
          rows={[
            { label: "URL", value: created.url },
            { label: "Signing secret", value: created.secret },
          ]}
          onDone={() => setCreated(undefined)}
        />
      )}
      <ExpandableList
        title="Your triggers"
        items={triggers?.map((trigger) => ({
          id: trigger.id,
          label: trigger.name,
          title: trigger.name,
          hint: `${describe(trigger)}${trigger.status === "paused" ? " · paused" : ""}`,
          actions: (
            <>
              <button
                type="button"
                className="button small"
                onClick={() =>
                  void act(() =>
                    client.triggers.update(trigger.id, { status: trigger.status === "active" ? "paused" : "active" }),
                  )
                }
              >
                {trigger.status === "active" ? "Pause" : "Resume"}
              </button>
              <button
                type="button"
                className="button small"
                aria-label={`Delete trigger ${trigger.name}`}
                onClick={() => void act(() => client.triggers.remove(trigger.id))}
              >
                Delete
              </button>
            </>
          ),
          details: () => <TriggerRuns trigger={trigger} />,
        }))}
        error={loadError}
        empty="No triggers yet."
        detailsName="runs"
      />
    </div>
  );
}
