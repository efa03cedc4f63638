import type { Message, MessagePart } from "@slipstream/protocol";

/** Whether a text or reasoning part is still growing; parts read back from the server have no state and are done. */
type TextState = { state?: "streaming" | "done" };
export type TextPart = { type: "text"; text: string } & TextState;
export type ReasoningPart = { type: "reasoning"; text: string } & TextState;
export type FilePart = { type: "file"; mediaType: string; url: string; filename?: string };
/**
 * A tool call: `tool-<name>` for the tools a request declared, `dynamic-tool` (with `toolName`) for the others.
 * Its state goes `input-streaming` → `input-available` → `output-available` or `output-error`.
 */
export type ToolPart = {
  type: string;
  toolCallId: string;
  toolName?: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
};

const TOOL_TYPE = /^(tool-.+|dynamic-tool)$/;

export const isTextPart = (part: MessagePart): part is TextPart =>
  part.type === "text" && typeof part.text === "string";
export const isReasoningPart = (part: MessagePart): part is ReasoningPart =>
  part.type === "reasoning" && typeof part.text === "string";
export const isFilePart = (part: MessagePart): part is FilePart =>
  part.type === "file" && typeof part.url === "string" && typeof part.mediaType === "string";
export const isToolPart = (part: MessagePart): part is ToolPart =>
  TOOL_TYPE.test(part.type) && typeof part.toolCallId === "string" && typeof part.state === "string";

/** The tool a call part is for: the part type names it, except for dynamic tools, which carry it. */
export const toolNameOf = (part: ToolPart) =>
  part.type === "dynamic-tool" ? (part.toolName ?? "tool") : part.type.slice("tool-".length);

/** What a message holds, in order; a message saved before parts existed is its `content`, one text part. */
export function partsOf(message: Pick<Message, "parts" | "content">): MessagePart[] {
  if (message.parts.length > 0) return message.parts;
  return message.content ? [{ type: "text", text: message.content }] : [];
}
