import { Markdown } from "../markdown/Markdown.tsx";

/**
 * A model's reasoning, folded away behind "Thought for a moment". While it streams it is open, so the reader
 * sees it arrive; it folds once it is done. React sets `open` only when it changes, so a reader who opened or
 * closed it by hand in between keeps their choice until then.
 */
export function ReasoningBlock({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <details className={streaming ? "reasoning streaming" : "reasoning"} open={streaming}>
      <summary>{streaming ? "Thinking…" : "Thought for a moment"}</summary>
      <div className="reasoning-body">
        <Markdown text={text} streaming={streaming} />
      </div>
    </details>
  );
}
