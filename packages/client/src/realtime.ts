import {
  type ClientFrame,
  type ServerFrame,
  type ServerFrameMap,
  type StreamEvent,
  serverFrameSchema,
} from "@slipstream/protocol";
import { SlipstreamError, StreamGoneError } from "./errors.ts";
import type { Transport } from "./transport.ts";

/** The part of the WebSocket API this client uses: the browser's, Node's global, or the `ws` package's. */
export type WebSocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open" | "message" | "close" | "error", listener: (event: never) => void): void;
};
/** Opens a socket; outside a browser it must send `headers.cookie` with the upgrade. */
export type WebSocketFactory = (url: string, headers: Record<string, string>) => WebSocketLike;

type Listener<T extends ServerFrame["type"]> = (frame: ServerFrameMap[T]) => void;
type Reply = ServerFrameMap["accepted"] | ServerFrameMap["ok"] | ServerFrameMap["pong"];

/** A WebSocket connection to `/ws`, with typed frames, request/answer matching and stream subscriptions. */
export async function connectRealtime(transport: Transport, createSocket: WebSocketFactory) {
  const url = new URL("/ws", transport.baseUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const socket = createSocket(url.toString(), {
    cookie: transport.cookieHeader(),
    origin: new URL(transport.baseUrl).origin,
  });
  const listeners = new Map<string, Set<(frame: never) => void>>();
  const pending = new Map<string, { resolve: (frame: Reply) => void; reject: (error: Error) => void }>();
  let nextRequestId = 0;
  let closeInfo: { code: number; reason: string } | undefined;

  const emit = (frame: ServerFrame) => {
    for (const listener of listeners.get(frame.type) ?? []) (listener as (frame: ServerFrame) => void)(frame);
    for (const listener of listeners.get("*") ?? []) (listener as (frame: ServerFrame) => void)(frame);
  };

  socket.addEventListener("message", (event: { data: unknown }) => {
    const frame = serverFrameSchema.parse(JSON.parse(String(event.data)));
    const requestId = "requestId" in frame ? frame.requestId : undefined;
    const waiter = requestId ? pending.get(requestId) : undefined;
    if (waiter && requestId) {
      pending.delete(requestId);
      if (frame.type === "error")
        waiter.reject(new SlipstreamError({ status: 0, code: frame.code, message: frame.message }));
      else waiter.resolve(frame as Reply);
    }
    emit(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener("close", (event: { code: number; reason: string }) => {
      closeInfo = { code: event.code, reason: String(event.reason) };
      for (const waiter of pending.values()) waiter.reject(new Error(`WebSocket closed (${event.code})`));
      pending.clear();
      resolve(closeInfo);
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve());
    socket.addEventListener("error", () => reject(new Error("WebSocket connection failed")));
    void closed.then((info) => reject(new Error(`WebSocket closed (${info.code}) before opening`)));
  });

  function on<T extends ServerFrame["type"]>(type: T | "*", listener: Listener<T>) {
    const set = listeners.get(type) ?? new Set();
    set.add(listener as (frame: never) => void);
    listeners.set(type, set);
    return () => set.delete(listener as (frame: never) => void);
  }

  /** Sends a frame and waits for its answer (`accepted`, `ok` or `pong`); an `error` frame rejects. */
  function request<F extends ClientFrame>(frame: F): Promise<Reply> {
    const requestId = frame.requestId ?? `r${++nextRequestId}`;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { resolve, reject });
      socket.send(JSON.stringify({ ...frame, requestId }));
    });
  }

  return {
    on,
    request,
    send: (frame: ClientFrame) => socket.send(JSON.stringify(frame)),
    /**
     * Events of a stream after `after`, live, until the server says `done` (or the socket closes). Throws
     * StreamGoneError, naming the saved reply, when the server says the stream's log was lost.
     */
    async *subscribe(streamId: string, after = 0): AsyncGenerator<StreamEvent> {
      const queue: (StreamEvent | "done" | SlipstreamError)[] = [];
      let wake: (() => void) | undefined;
      const push = (item: StreamEvent | "done" | SlipstreamError) => {
        queue.push(item);
        wake?.();
      };
      const stopEvents = on(
        "event",
        (frame) => frame.streamId === streamId && push({ seq: frame.seq, part: frame.part }),
      );
      const stopDone = on("done", (frame) => frame.streamId === streamId && push("done"));
      const stopGone = on("gone", (frame) => frame.streamId === streamId && push(new StreamGoneError(frame)));
      const stopError = on(
        "error",
        (frame) =>
          frame.requestId === `sub-${streamId}` &&
          push(new SlipstreamError({ status: 0, code: frame.code, message: frame.message })),
      );
      void closed.then(() => push("done"));
      socket.send(JSON.stringify({ type: "subscribe", streamId, after, requestId: `sub-${streamId}` }));
      try {
        for (;;) {
          const item = queue.shift();
          if (item === "done") return;
          if (item instanceof SlipstreamError) throw item;
          if (item) yield item;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        stopEvents();
        stopDone();
        stopGone();
        stopError();
      }
    },
    closed,
    get closeInfo() {
      return closeInfo;
    },
    close: () => socket.close(1000, "bye"),
  };
}
export type RealtimeConnection = Awaited<ReturnType<typeof connectRealtime>>;
