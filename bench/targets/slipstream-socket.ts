import type { WebSocket } from "ws";
import { recordFailurePart, type UiPart } from "../load/decoders.ts";
import type { StreamOutcome, StreamRecord } from "../load/stream-record.ts";
import type { ReplyShape } from "../reply.ts";
import { frameBytes, openWebSocket } from "./relay-ws.ts";
import { conversationFor, type Seat, type SlipstreamInstance, sendBody } from "./slipstream.ts";

type Frame =
  | { type: "event"; streamId: string; seq: number; part: UiPart }
  | { type: "done"; streamId: string }
  | { type: "accepted"; requestId: string; streamId: string }
  | { type: "error"; requestId?: string; code: string; message: string };

type Follower = { record: StreamRecord; wireBytes: number; resolve: (outcome: StreamOutcome) => void };

/**
 * A client's WebSocket to Slipstream with the session cookie and the page's Origin, as a browser sends them. It
 * routes `event`/`done` frames to the streams it follows and answers to the requests it made; frames are parsed
 * without the SDK's schema validation so that the load generator stays light.
 */
export async function openSlipstreamSocket(instance: SlipstreamInstance, cookie: string) {
  const socket: WebSocket = await openWebSocket(`${instance.url.replace("http", "ws")}/ws`, {
    cookie,
    origin: instance.url,
  });
  const followers = new Map<string, Follower>();
  const requests = new Map<string, { resolve: (streamId: string) => void; reject: (error: Error) => void }>();
  let nextRequest = 0;

  const fail = (reason: string) => {
    for (const follower of followers.values()) follower.resolve(follower.record.finish({ error: reason }));
    for (const request of requests.values()) request.reject(new Error(reason));
    followers.clear();
    requests.clear();
  };

  socket.on("message", (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame.type === "event" || frame.type === "done") {
      const follower = followers.get(frame.streamId);
      if (!follower) return;
      follower.wireBytes += frameBytes(data.length);
      if (frame.type === "done") {
        followers.delete(frame.streamId);
        return follower.resolve(follower.record.finish({ wireBytes: follower.wireBytes }));
      }
      follower.record.event(frame.seq);
      if (frame.part.type === "text-delta") follower.record.delta(frame.part.delta ?? "");
      else recordFailurePart(frame.part, follower.record);
    } else if (frame.type === "error" && frame.requestId === undefined) {
      // An error that answers no request (a refused frame: too many, too big) may have cost any of them.
      fail(`${frame.code}: ${frame.message}`);
    } else if (frame.type === "accepted" || frame.type === "error") {
      const request = frame.requestId === undefined ? undefined : requests.get(frame.requestId);
      if (!request || frame.requestId === undefined) return;
      requests.delete(frame.requestId);
      if (frame.type === "accepted") request.resolve(frame.streamId);
      else request.reject(new Error(`${frame.code}: ${frame.message}`));
    }
  });
  socket.on("close", (code) => fail(`closed ${code}`));

  return {
    socket,
    /** Sends a message over the socket (the `send` frame) and resolves with its stream id once accepted. */
    async send(seat: Seat, shape: ReplyShape): Promise<string> {
      const conversationId = await conversationFor(instance, seat);
      const requestId = `r${nextRequest++}`;
      return new Promise((resolve, reject) => {
        requests.set(requestId, { resolve, reject });
        socket.send(JSON.stringify({ type: "send", conversationId, requestId, ...sendBody(shape) }));
      });
    },
    /** Subscribes to a stream after `after` and resolves at its `done`. */
    follow(streamId: string, record: StreamRecord, after = 0): Promise<StreamOutcome> {
      return new Promise((resolve) => {
        followers.set(streamId, { record, wireBytes: 0, resolve });
        socket.send(JSON.stringify({ type: "subscribe", streamId, after }));
      });
    },
    close: () => socket.close(),
    /** Drops the connection without a closing handshake, as a lost network does. */
    terminate: () => socket.terminate(),
  };
}
export type SlipstreamSocket = Awaited<ReturnType<typeof openSlipstreamSocket>>;
