import { randomUUID } from "node:crypto";
import { decodeUiPart } from "../load/decoders.ts";
import { createStreamRecord } from "../load/stream-record.ts";
import type { Child } from "../process/spawn.ts";
import { expectedTextOf, promptFor, type ReplyShape } from "../reply.ts";
import { streamOverSse } from "./sse-stream.ts";
import type { Session, Target } from "./target.ts";

export const chatBody = (shape: ReplyShape) =>
  JSON.stringify({ messages: [{ role: "user", content: promptFor(shape) }] });

/**
 * A target that answers `POST` with an AI SDK UI message stream: the AI SDK route, or the resumable-stream route
 * (`chatPath` gives each request a fresh chat id there, as a new chat would).
 */
export function uiStreamSseTarget({
  name,
  process,
  chatPath,
  usesRedis = false,
}: {
  name: string;
  process: Child;
  chatPath: () => string;
  usesRedis?: boolean;
}): Target {
  const session: Session = {
    stream: (shape, options) =>
      streamOverSse({
        url: `${process.url}${chatPath()}`,
        body: chatBody(shape),
        decoder: decodeUiPart,
        record: createStreamRecord({ expectedText: expectedTextOf(shape), ...options }),
      }),
    close: () => undefined,
  };
  return { name, transport: "sse", process, usesRedis, openSessions: async (count) => Array(count).fill(session) };
}

export const newChatPath = () => `/api/chat/${randomUUID()}`;
