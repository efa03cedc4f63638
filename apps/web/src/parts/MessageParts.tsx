import type { MessagePart } from "@slipstream/protocol";
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
  return null;
});

/** Whether any part of these is one this app shows. */
export const hasVisibleParts = (parts: MessagePart[]) =>
  parts.some((part) =>
    isTextPart(part) ? part.text !== "" : isReasoningPart(part) || isToolPart(part) || isFilePart(part),
  );

/**
 * A message's parts in order: text as Markdown, reasoning folded, tool calls as cards, files inline or as
 * links. Parts of other types (steps, sources, data) are not shown. A part that did not change keeps its
 * rendering, so a streaming reply renders only its growing part again.
 */
export function MessageParts({ parts, streaming }: { parts: MessagePart[]; streaming: boolean }) {
  return (
    <div className="message-parts">
      {parts.map((part, index) => (
        // Parts are only ever appended, so a part's place is its identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <PartView key={index} part={part} streaming={streaming} />
      ))}
    </div>
  );
}
