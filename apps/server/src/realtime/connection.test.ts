import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import type { ConversationFeed } from "../chat/conversation-feed.ts";
import type { Principal } from "../identity/principal.ts";
import { createMetrics } from "../metrics/index.ts";
import { createConnection } from "./connection.ts";
import type { RealtimeContext } from "./context.ts";

const principal: Principal = { userId: "u1", role: "user", via: "session", sessionId: "s1" };

/** A feed whose access checks stay pending until the test settles them, counting the watches left open. */
function slowFeed() {
  const pending: Array<{ allow(): void; deny(): void }> = [];
  let open = 0;
  const watch: ConversationFeed["watch"] = () =>
    new Promise((resolve, reject) => {
      pending.push({
        allow: () => {
          open += 1;
          resolve(() => {
            open -= 1;
          });
        },
        deny: () => reject(Object.assign(new Error("Conversation not found."), { code: "not_found" })),
      });
    });
  return {
    feed: { watch, watchAll: async () => () => undefined } as ConversationFeed,
    pending,
    get open() {
      return open;
    },
  };
}

function connectionOver(feed: ConversationFeed) {
  const sent: unknown[] = [];
  const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (data: string) => sent.push(JSON.parse(data)) };
  // Only the feed, the presence of its watchers and the metrics are reachable: any other call is a test failure.
  const metrics = createMetrics({ connectionCount: () => 0, runningCount: () => 0 });
  const presence = { watch: () => () => undefined };
  const context = new Proxy({ feed, presence, metrics } as unknown as RealtimeContext, {
    get: (target, key) => {
      if (key in target) return target[key as keyof RealtimeContext];
      throw new Error(`unexpected call to context.${String(key)}`);
    },
  });
  const connection = createConnection({
    socket: socket as unknown as WebSocket,
    principal,
    context,
    logger: { error: () => undefined },
    maxBufferedBytes: 1_000_000,
    caps: { maxSubscriptions: 10, maxWatches: 10 },
  });
  return { connection, sent };
}

const frame = (value: object) => JSON.stringify(value);

describe("conversation watches on one socket", () => {
  it("closes a watch whose access check ends after an unwatch, a newer watch, or the socket's close", async () => {
    const slow = slowFeed();
    const { connection } = connectionOver(slow.feed);
    const first = connection.receive(frame({ type: "watch", conversationId: "c1" }));
    await connection.receive(frame({ type: "unwatch", conversationId: "c1" }));
    const second = connection.receive(frame({ type: "watch", conversationId: "c1" }));
    for (const check of slow.pending) check.allow();
    await Promise.all([first, second]);
    expect(slow.open).toBe(1);

    const third = connection.receive(frame({ type: "watch", conversationId: "c2" }));
    connection.close();
    slow.pending.at(-1)?.allow();
    await third;
    expect(slow.open).toBe(0);
  });

  it("answers a watch that waits on another one's check with that check's outcome", async () => {
    const slow = slowFeed();
    const { connection, sent } = connectionOver(slow.feed);
    const first = connection.receive(frame({ type: "watch", conversationId: "c1", requestId: "a" }));
    const second = connection.receive(frame({ type: "watch", conversationId: "c1", requestId: "b" }));
    expect(slow.pending).toHaveLength(1);
    slow.pending[0]?.deny();
    await Promise.all([first, second]);
    expect(sent.map((answer) => (answer as { type: string; requestId: string }).type)).toEqual(["error", "error"]);
    expect(slow.open).toBe(0);
  });
});
