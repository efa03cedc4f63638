import { type SlipstreamClient, SlipstreamError } from "@slipstream/client";
import type { ClientFrame, ServerFrame, StreamEvent } from "@slipstream/protocol";
import { describe, expect, it, vi } from "vitest";
import { createRealtime } from "./realtime.ts";

/** A socket as the SDK presents it, driven by the test: it pushes events and closes at will. */
function fakeConnection() {
  const sent: ClientFrame[] = [];
  const subscriptions: { streamId: string; after: number; push: (item: StreamEvent | "done") => void }[] = [];
  const listeners = new Map<string, ((frame: ServerFrame) => void)[]>();
  let close: (info: { code: number; reason: string }) => void = () => {};
  const connection = {
    closeInfo: undefined as { code: number; reason: string } | undefined,
    closed: new Promise<{ code: number; reason: string }>((resolve) => {
      close = (info) => {
        connection.closeInfo = info;
        for (const subscription of subscriptions) subscription.push("done");
        resolve(info);
      };
    }),
    on(type: string, listener: (frame: ServerFrame) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
      return () => true;
    },
    request: async (frame: ClientFrame) => {
      sent.push(frame);
      return { type: "ok" as const };
    },
    send: (frame: ClientFrame) => sent.push(frame),
    async *subscribe(streamId: string, after = 0): AsyncGenerator<StreamEvent> {
      const queue: (StreamEvent | "done")[] = [];
      let wake = () => {};
      subscriptions.push({
        streamId,
        after,
        push: (item) => {
          queue.push(item);
          wake();
        },
      });
      for (;;) {
        const item = queue.shift();
        if (item === "done") return;
        if (item) yield item;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: () => close({ code: 1000, reason: "bye" }),
  };
  return {
    connection,
    sent,
    subscriptions,
    emit: (frame: ServerFrame) => {
      for (const listener of listeners.get(frame.type) ?? []) listener(frame);
    },
    drop: (code = 1006) => close({ code, reason: "" }),
  };
}

function fakeClient({ sessionValid = true } = {}) {
  const connections: ReturnType<typeof fakeConnection>[] = [];
  let refuse = false;
  const client = {
    connect: vi.fn(async () => {
      if (refuse) throw new Error("WebSocket connection failed");
      const fake = fakeConnection();
      connections.push(fake);
      return fake.connection;
    }),
    auth: {
      session: async () => {
        if (!sessionValid) throw new SlipstreamError({ status: 401, code: "unauthorized", message: "no session" });
        return { user: {} };
      },
    },
  };
  return {
    client: client as unknown as SlipstreamClient,
    connections,
    refuseConnections: (value: boolean) => {
      refuse = value;
    },
  };
}

const delta = (seq: number, text: string): StreamEvent => ({ seq, part: { type: "text-delta", id: "0", delta: text } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("realtime connection", () => {
  it("resumes a followed stream after the last event it delivered, and watches again, after a drop", async () => {
    const { client, connections } = fakeClient();
    const realtime = createRealtime(client, { onSessionRevoked: () => {}, baseDelayMs: 20 });
    const reconnected = vi.fn();
    realtime.onReconnect(reconnected);
    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    const watched = vi.fn();
    realtime.watch("c1", 0, watched);
    const events: number[] = [];
    const done = vi.fn();
    realtime.followStream("s1", 0, { onEvent: (event) => events.push(event.seq), onDone: done, onError: vi.fn() });

    const first = connections[0];
    await vi.waitFor(() => expect(first?.subscriptions).toHaveLength(1));
    first?.subscriptions[0]?.push(delta(1, "a"));
    first?.subscriptions[0]?.push(delta(2, "b"));
    await tick();
    first?.drop();
    await tick();
    expect(realtime.status).toBe("offline");
    expect(done).not.toHaveBeenCalled();

    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    const second = connections[1];
    expect(second?.sent).toContainEqual(expect.objectContaining({ type: "watch", conversationId: "c1" }));
    expect(second?.subscriptions[0]).toMatchObject({ streamId: "s1", after: 2 });
    expect(reconnected).toHaveBeenCalledTimes(1);

    // The server may replay an event the page already has; it is not delivered twice.
    second?.subscriptions[0]?.push(delta(2, "b"));
    second?.subscriptions[0]?.push(delta(3, "c"));
    second?.subscriptions[0]?.push("done");
    await vi.waitFor(() => expect(done).toHaveBeenCalled());
    expect(events).toEqual([1, 2, 3]);

    second?.emit({ type: "conversation", conversationId: "c1", action: "deleted" });
    expect(watched).toHaveBeenCalledWith(expect.objectContaining({ action: "deleted" }));
    realtime.close();
  });

  it("resumes a watch after the last version it delivered, delivering each version once, instead of reloading", async () => {
    const { client, connections } = fakeClient();
    const realtime = createRealtime(client, { onSessionRevoked: () => {}, baseDelayMs: 20 });
    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    const watched: unknown[] = [];
    const sharing: unknown[] = [];
    realtime.watch("c1", 3, (frame) => watched.push(frame));
    realtime.onSharing((frame) => sharing.push(frame));
    const first = connections[0];
    expect(first?.sent).toContainEqual({ type: "watch", conversationId: "c1", after: 3 });

    const renamed = { id: "c1", title: "Renamed" } as never;
    first?.emit({
      type: "conversationEvent",
      conversationId: "c1",
      version: 4,
      event: { type: "conversation.updated", conversation: renamed },
    });
    first?.emit({
      type: "conversationEvent",
      conversationId: "c1",
      version: 5,
      event: { type: "member.removed", userId: "u2" },
    });
    first?.drop();
    await vi.waitFor(() => expect(connections).toHaveLength(2));
    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    const second = connections[1];
    expect(second?.sent).toContainEqual({ type: "watch", conversationId: "c1", after: 5 });

    // What the server replays from there is new; a repeat of a version already delivered is dropped.
    second?.emit({
      type: "conversationEvent",
      conversationId: "c1",
      version: 5,
      event: { type: "member.removed", userId: "u2" },
    });
    second?.emit({
      type: "conversationEvent",
      conversationId: "c1",
      version: 6,
      event: { type: "conversation.deleted" },
    });
    expect(watched).toEqual([
      { type: "conversation", conversationId: "c1", action: "updated", conversation: renamed },
      { type: "conversation", conversationId: "c1", action: "deleted" },
    ]);
    expect(sharing).toEqual([{ type: "member", conversationId: "c1", action: "removed", userId: "u2" }]);

    second?.emit({ type: "resync", conversationId: "c1" });
    expect(watched.at(-1)).toEqual({ type: "resync", conversationId: "c1" });
    realtime.close();
  });

  it.each([
    [4401, "a revoked session"],
    [4403, "a disabled account"],
  ])("signs out on close code %i (%s) instead of reconnecting", async (code) => {
    const { client, connections } = fakeClient();
    const revoked = vi.fn();
    const realtime = createRealtime(client, { onSessionRevoked: revoked, baseDelayMs: 10 });
    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    connections[0]?.drop(code);
    await vi.waitFor(() => expect(revoked).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toHaveLength(1);
    realtime.close();
  });

  it("keeps the conversation list watched when a view swaps its listener, so no change is dropped in between", async () => {
    const { client, connections } = fakeClient();
    const realtime = createRealtime(client, { onSessionRevoked: () => {}, baseDelayMs: 20 });
    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    const first = connections[0];
    const before = vi.fn();
    const stopBefore = realtime.watchConversations(before);
    stopBefore();
    const after = vi.fn();
    const stopAfter = realtime.watchConversations(after);
    await tick();
    const listFrames = () => first?.sent.filter((frame) => frame.type.endsWith("atchConversations")).map((f) => f.type);
    expect(listFrames()).toEqual(["watchConversations"]);
    first?.emit({ type: "conversation", conversationId: "c9", action: "deleted" });
    expect(after).toHaveBeenCalledWith(expect.objectContaining({ conversationId: "c9" }));
    expect(before).not.toHaveBeenCalled();

    stopAfter();
    await tick();
    expect(listFrames()).toEqual(["watchConversations", "unwatchConversations"]);
    realtime.close();
  });

  it("keeps retrying while the server is unreachable, and signs out if the session has expired", async () => {
    const reachable = fakeClient();
    reachable.refuseConnections(true);
    const realtime = createRealtime(reachable.client, { onSessionRevoked: () => {}, baseDelayMs: 5 });
    await vi.waitFor(() => expect(vi.mocked(reachable.client.connect).mock.calls.length).toBeGreaterThan(2));
    expect(realtime.status).toBe("offline");
    reachable.refuseConnections(false);
    await vi.waitFor(() => expect(realtime.status).toBe("online"));
    realtime.close();

    const expired = fakeClient({ sessionValid: false });
    expired.refuseConnections(true);
    const revoked = vi.fn();
    const other = createRealtime(expired.client, { onSessionRevoked: revoked, baseDelayMs: 5 });
    await vi.waitFor(() => expect(revoked).toHaveBeenCalled());
    other.close();
  });
});
