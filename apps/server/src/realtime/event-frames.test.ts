import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { StreamPart } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createFrameBatching, eventFrame } from "./event-frames.ts";

/** How many writes reach the TCP socket under a server-side WebSocket (one per batch of corked frames). */
function countWrites(socket: WebSocket) {
  const tcp = (socket as unknown as { _socket: Duplex & Record<string, unknown> })._socket;
  let writes = 0;
  for (const name of ["_write", "_writev"]) {
    const original = tcp[name] as ((...args: unknown[]) => unknown) | undefined;
    if (!original) continue;
    tcp[name] = (...args: unknown[]) => {
      writes += 1;
      return original.apply(tcp, args);
    };
  }
  return () => writes;
}

/** A WebSocket server on loopback with one client connected: both ends, open. */
async function connectedPair() {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(server, "listening");
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const [serverSide] = (await once(server, "connection")) as [WebSocket];
  await once(client, "open");
  return { server, client, serverSide };
}

describe("event frames", () => {
  it("are exactly the JSON of the frame object, including text that needs escaping", () => {
    const part = { type: "text-delta", id: "t1", delta: 'a "quoted"\nline \u2028 é' } as StreamPart;
    const frame = eventFrame("s-1", { seq: 7, part });
    expect(frame).toBe(JSON.stringify({ type: "event", streamId: "s-1", seq: 7, part }));
  });

  it("leave one socket in one write per tick, in order, and the next tick's in the next write", async () => {
    const { server, client, serverSide } = await connectedPair();
    const received: string[] = [];
    client.on("message", (data) => received.push(String(data)));

    const writes = countWrites(serverSide);

    const batching = createFrameBatching(serverSide);
    for (const text of ["one", "two", "three"]) {
      batching.hold();
      serverSide.send(text);
    }
    expect(writes()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes()).toBe(1);
    batching.hold();
    serverSide.send("four");
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes()).toBe(2);
    await expect.poll(() => received).toEqual(["one", "two", "three", "four"]);
    client.close();
    server.close();
  });

  it("sends a backlog of one tick on in bounded batches, so a client that reads is not taken for a slow one", async () => {
    const { server, client, serverSide } = await connectedPair();
    let received = 0;
    client.on("message", () => {
      received += 1;
    });
    const writes = countWrites(serverSide);
    const batching = createFrameBatching(serverSide);
    const frame = "x".repeat(1024);
    // 1 MB in one tick, as a replay from the start of a long reply: batches leave during the tick, 64 KiB at a time.
    for (let index = 0; index < 1024; index += 1) {
      batching.hold();
      serverSide.send(frame);
    }
    expect(writes()).toBeGreaterThanOrEqual(15);
    expect(writes()).toBeLessThan(100);
    await expect.poll(() => received, { timeout: 20_000 }).toBe(1024);
    client.close();
    server.close();
  });
});
