import type { MessagePart, StreamPart } from "@slipstream/protocol";
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";

/** The delta chunks whose text the assembly concatenates, with the field that holds it. */
const DELTA_FIELD: Record<string, "delta" | "inputTextDelta"> = {
  "text-delta": "delta",
  "reasoning-delta": "delta",
  "tool-input-delta": "inputTextDelta",
};

/**
 * Joins runs of deltas to the same part into one delta. The assembly only concatenates them, so the parts it
 * builds are the same, and it costs per chunk (a snapshot each): a reply of thousands of deltas becomes a few chunks.
 */
function coalesceDeltas(chunks: readonly StreamPart[]): StreamPart[] {
  const out: StreamPart[] = [];
  for (const chunk of chunks) {
    const field = DELTA_FIELD[chunk.type];
    const previous = out.at(-1);
    const key = (part: StreamPart) => String(part.id ?? part.toolCallId);
    if (field && previous?.type === chunk.type && key(previous) === key(chunk)) {
      out[out.length - 1] = { ...previous, [field]: String(previous[field]) + String(chunk[field]) };
    } else {
      out.push(chunk);
    }
  }
  return out;
}

/**
 * The UI message parts a reply's stream adds up to (text, reasoning, tool calls with input and output, files),
 * assembled by the AI SDK itself so that they match what its clients build from the same stream.
 */
export async function assembleParts(chunks: readonly StreamPart[]): Promise<MessagePart[]> {
  const coalesced = coalesceDeltas(chunks);
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of coalesced) controller.enqueue(chunk as UIMessageChunk);
      controller.close();
    },
  });
  let last: UIMessage | undefined;
  // An `error` chunk is part of the reply (its status says so); it must not stop the assembly.
  for await (const message of readUIMessageStream({ stream, onError: () => undefined })) last = message;
  return (last?.parts ?? []) as MessagePart[];
}
