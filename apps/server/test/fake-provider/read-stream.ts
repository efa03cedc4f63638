import type { TextStreamPart, ToolSet } from "ai";

export type ReadStreamResult = {
  /** The part types in order, e.g. `["start", "start-step", "text-start", "text-delta", …, "finish"]`. */
  types: string[];
  parts: TextStreamPart<ToolSet>[];
  text: string;
  /** What iterating the stream threw (a mid-stream connection loss does), if anything. */
  thrown?: unknown;
};

/** Drains a `streamText(...).stream`, keeping what it threw instead of rethrowing it. */
export async function readStream(stream: AsyncIterable<TextStreamPart<ToolSet>>): Promise<ReadStreamResult> {
  const parts: TextStreamPart<ToolSet>[] = [];
  let thrown: unknown;
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    thrown = error;
  }
  const text = parts.map((part) => (part.type === "text-delta" ? part.text : "")).join("");
  return { types: parts.map((part) => part.type), parts, text, thrown };
}
