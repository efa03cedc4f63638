import type { Import, ImportBody } from "@slipstream/protocol";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useClient } from "../app/client.ts";
import { Feedback } from "./Feedback.tsx";
import { Field } from "./Field.tsx";
import { errorMessage } from "./format.ts";
import { useFeedback } from "./use-feedback.ts";

/** How often a running import's progress is asked for. */
const POLL_MS = 1000;

const NOT_JSON = "That file is not JSON: choose ChatGPT's conversations.json, or a Slipstream export.";

const plural = (count: number) => `${count} conversation${count === 1 ? "" : "s"}`;

/** Brings in another history (a Slipstream export, ChatGPT's conversations.json) and follows its job to the end. */
export function ImportSection({ onImported, pollMs = POLL_MS }: { onImported: () => void; pollMs?: number }) {
  const client = useClient();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<Import>();
  const { feedback, setFeedback, run } = useFeedback();
  const running = progress?.status === "queued" || progress?.status === "running";

  const follow = useCallback(
    (current: Import) => {
      setProgress(current);
      if (current.status === "complete") {
        setFeedback({ kind: "ok", text: `Imported ${plural(current.done)}; they are in your sidebar.` });
        onImported();
      } else if (current.status === "error") {
        setFeedback({ kind: "error", text: current.error ?? "The import failed." });
      }
    },
    [onImported, setFeedback],
  );

  useEffect(() => {
    if (!progress || !running) return;
    const timer = setTimeout(() => {
      client.imports.get(progress.id).then(follow, (failure: unknown) => {
        setFeedback({ kind: "error", text: errorMessage(failure) });
        setProgress(undefined);
      });
    }, pollMs);
    return () => clearTimeout(timer);
  }, [client, progress, running, pollMs, follow, setFeedback]);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setFeedback(undefined);
    void run(async () => {
      let body: ImportBody;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(NOT_JSON);
      }
      follow(await client.imports.start(body));
    });
  };

  return (
    <div className="settings-stack">
      <form className="settings-card" onSubmit={start}>
        <h2>Import</h2>
        <p className="settings-hint">
          Bring in a Slipstream export, or <code>conversations.json</code> from ChatGPT's data export: titles, dates and
          every branch are kept. ChatGPT's images are not in that file, so they are left out.
        </p>
        <Field label="File to import">
          <input
            type="file"
            accept="application/json,.json"
            onChange={(event) => setFile(event.target.files?.[0])}
            disabled={running}
          />
        </Field>
        <button type="submit" className="button primary" disabled={!file || running}>
          Import
        </button>
        {progress && running && (
          <div className="import-progress">
            <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label="Import progress" />
            <p className="settings-hint" role="status">
              {progress.done} of {plural(progress.total)} imported…
            </p>
          </div>
        )}
        <Feedback message={feedback} />
      </form>
    </div>
  );
}
