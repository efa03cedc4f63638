import { decodeOpenAiChunk } from "../load/decoders.ts";
import { createStreamRecord } from "../load/stream-record.ts";
import type { Child } from "../process/spawn.ts";
import { expectedTextOf, FAKE_MODEL, promptFor, type ReplyShape } from "../reply.ts";
import { streamOverSse } from "./sse-stream.ts";
import type { Session, Target } from "./target.ts";

/** The chat-completions request every OpenAI-format client sends, usage included as Slipstream asks for it. */
export const chatCompletionBody = (shape: ReplyShape) =>
  JSON.stringify({
    model: FAKE_MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: "user", content: promptFor(shape) }],
  });

/** A target that speaks OpenAI chat completions over SSE: the provider itself, the bare relay, Portkey. */
export function openAiSseTarget({
  name,
  url,
  headers = {},
  process,
}: {
  name: string;
  url: string;
  headers?: Record<string, string>;
  process?: Child;
}): Target {
  const session: Session = {
    stream: (shape, options) =>
      streamOverSse({
        url,
        headers,
        body: chatCompletionBody(shape),
        decoder: decodeOpenAiChunk,
        record: createStreamRecord({ expectedText: expectedTextOf(shape), ...options }),
      }),
    close: () => undefined,
  };
  return { name, transport: "sse", process, openSessions: async (count) => Array(count).fill(session) };
}
