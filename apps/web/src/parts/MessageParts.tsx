import type { ImageProgressPart, MessagePart } from "@slipstream/protocol";
import { memo } from "react";
import { Markdown } from "../markdown/Markdown.tsx";
import { FileView } from "./FileView.tsx";
import { isFilePart, isReasoningPart, isTextPart, isToolPart } from "./part-types.ts";
import { ReasoningBlock } from "./ReasoningBlock.tsx";
import { ToolCard } from "./ToolCard.tsx";

const PartView = memo(function PartView({ part, streaming }: { part: MessagePart; streaming: boolean }) {
  // A part read back from the server has no state: it is done unless its message is still streaming.
  const growing = streaming && part.state !== "done";
  if (isTextPart(part)) return part.text ? <Markdown text={part.text} streaming={growing} /> : null;
  if (isReasoningPart(part)) return <ReasoningBlock text={part.text} streaming={growing} />;
  if (isToolPart(part)) return <ToolCard part={part} />;
  if (isFilePart(part)) return <FileView part={part} />;
  if (isImageProgress(part)) {
    return streaming ? (
      <p className="image-progress" role="status">
        {part.data.message}
      </p>
    ) : null;
  }
  return null;
});

/** The stand-in of an image an image model is still making; the saved reply has its file instead. */
const isImageProgress = (part: MessagePart): part is MessagePart & ImageProgressPart =>
  part.type === "data-image-progress" && typeof (part.data as { message?: unknown } | undefined)?.message === "string";

/** Whether any part of these is one this app shows. */
export const hasVisibleParts = (parts: MessagePart[]) =>
  parts.some((part) =>
    isTextPart(part)
      ? part.text !== ""
      : isReasoningPart(part) || isToolPart(part) || isFilePart(part) || isImageProgress(part),
  );

/**
 * A key for each part that stays the same between a live reply and its saved message, which may differ in
 * the parts not shown (steps): a tool call is its id, any other part the how-manyth of its type it is. A part
 * that kept its key keeps its rendering, so a long answer is not rendered anew when it is saved.
 */
function partKeys(parts: MessagePart[]): string[] {
  const seen = new Map<string, number>();
  return parts.map((part) => {
    if (isToolPart(part)) return `tool:${part.toolCallId}`;
    const count = seen.get(part.type) ?? 0;
    seen.set(part.type, count + 1);
    return `${part.type}:${count}`;
  });
}

/**
 * A message's parts in order: text as Markdown, reasoning folded, tool calls as cards, files inline or as
 * links, and while it streams, an image model's progress. Parts of other types (steps, sources, data) are not shown. A part that did not change keeps its
 * rendering, so a streaming reply renders only its growing part again.
 */
export function MessageParts({ parts, streaming }: { parts: MessagePart[]; streaming: boolean }) {
  const keys = partKeys(parts);
  return (
    <div className="message-parts">
      {parts.map((part, index) => (
        <PartView key={keys[index]} part={part} streaming={streaming} />
      ))}
    </div>
  );
}
