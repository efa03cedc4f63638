import { type StreamEvent, streamGonePartSchema, streamPartSchema } from "@slipstream/protocol";
import { StreamGoneError } from "./errors.ts";
import type { Transport } from "./transport.ts";

export type SseFrame = { id?: string; data: string };

/** Splits a `text/event-stream` body into events (id and joined data lines); comments are skipped. */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame: SseFrame = { data: "" };
        const data: string[] = [];
        for (const line of block.split("\n")) {
          const colon = line.indexOf(":");
          if (colon === 0) continue;
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "id") frame.id = value;
          if (field === "data") data.push(value);
        }
        if (data.length > 0) yield { ...frame, data: data.join("\n") };
      }
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}

export type StreamOptions = {
  /** Start after this sequence number (0 = from the beginning). */
  after?: number;
  signal?: AbortSignal;
  /** Reconnect with Last-Event-ID when the connection drops before `[DONE]` (default true). */
  resume?: boolean;
  /** Waits between reconnects, in ms (default 250). */
  retryDelayMs?: number;
  /** Gives up after this many reconnects in a row that bring no new event (default 20). */
  maxRetries?: number;
  /** Called when a dropped connection is being resumed. */
  onReconnect?: (after: number) => void;
};

/**
 * Reads a generation's events over SSE, in order, each exactly once: on a dropped connection it
 * reconnects with `Last-Event-ID` and goes on from the last event it yielded, until `[DONE]`.
 * Throws StreamGoneError, naming the saved reply, when the server says the stream's log was lost.
 */
export async function* readStream(
  transport: Transport,
  streamId: string,
  { after = 0, signal, resume = true, retryDelayMs = 250, maxRetries = 20, onReconnect }: StreamOptions = {},
  /** A response that already carries the stream from `after` (a send answered with its stream): read it first. */
  first?: Response,
): AsyncGenerator<StreamEvent> {
  let last = after;
  let failures = 0;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      failures += 1;
      if (failures > maxRetries)
        throw new Error(`Stream ${streamId} kept dropping; gave up after ${maxRetries} retries.`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      onReconnect?.(last);
    }
    let response: Response;
    try {
      response =
        attempt === 0 && first
          ? first
          : await transport.raw(`/api/streams/${encodeURIComponent(streamId)}`, {
              headers: { accept: "text/event-stream", "last-event-id": String(last) },
              signal,
            });
    } catch (error) {
      if (signal?.aborted || !resume) throw error;
      continue;
    }
    if (!response.ok || !response.body) throw await transport.failure(response);
    try {
      for await (const frame of parseEventStream(response.body)) {
        if (frame.data === "[DONE]") return;
        if (frame.id === undefined) {
          const gone = streamGonePartSchema.safeParse(JSON.parse(frame.data));
          if (gone.success) throw new StreamGoneError(gone.data.data);
        }
        const seq = Number(frame.id);
        if (!Number.isInteger(seq) || seq <= last) continue;
        last = seq;
        failures = 0;
        yield { seq, part: streamPartSchema.parse(JSON.parse(frame.data)) };
      }
    } catch (error) {
      if (signal?.aborted || !resume || error instanceof StreamGoneError) throw error;
      continue;
    }
    if (signal?.aborted || !resume) return;
  }
}
