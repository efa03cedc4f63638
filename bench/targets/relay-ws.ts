import { WebSocket } from "ws";
import { inBatches } from "../load/batches.ts";
import { decodeOpenAiChunk } from "../load/decoders.ts";
import { createSseParser } from "../load/sse.ts";
import { createStreamRecord, type StreamOutcome } from "../load/stream-record.ts";
import type { Child } from "../process/spawn.ts";
import { expectedTextOf } from "../reply.ts";
import { chatCompletionBody } from "./openai-sse.ts";
import type { Session, Target } from "./target.ts";

/** Bytes of a server-to-client WebSocket frame: its payload plus the unmasked frame header. */
export const frameBytes = (payload: number) => payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

export function openWebSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`WebSocket upgrade answered ${response.statusCode}`)),
    );
  });
}

/** The bare relay over WebSocket: one socket per client, provider chunks as frames, an empty frame at the end. */
export function relayWsTarget({ name, process }: { name: string; process: Child }): Target {
  async function openSession(): Promise<Session> {
    const socket = await openWebSocket(`${process.url.replace("http", "ws")}/ws`);
    let onFrame: (text: string) => void = () => undefined;
    let onClose: () => void = () => undefined;
    socket.on("message", (data) => onFrame(data.toString()));
    socket.on("close", () => onClose());
    return {
      stream: (shape, options) =>
        new Promise<StreamOutcome>((resolve) => {
          const record = createStreamRecord({ expectedText: expectedTextOf(shape), ...options });
          let done = false;
          let wireBytes = 0;
          const push = createSseParser((data) => {
            done = decodeOpenAiChunk(data, record) || done;
          });
          onFrame = (text) => {
            wireBytes += frameBytes(Buffer.byteLength(text));
            if (text !== "") return push(text);
            resolve(record.finish(done ? { wireBytes } : { error: "the reply ended without [DONE]" }));
          };
          onClose = () => resolve(record.finish({ error: "the socket closed" }));
          socket.send(chatCompletionBody(shape));
        }),
      close: () => socket.close(),
    };
  }
  return {
    name,
    transport: "ws",
    process,
    openSessions: (count) => inBatches(count, openSession),
  };
}
