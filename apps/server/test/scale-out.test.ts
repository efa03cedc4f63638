import type { StreamEvent } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { collect, eventually, FAKE_MODEL, sameUserOn, signedInClient, textOf } from "./support.ts";

// One user here runs 40 generations at once, far past the default per-user limit of 4.
const fleet = await startFleet({ USER_MAX_CONCURRENT_GENERATIONS: "64" });

if ("skip" in fleet) {
  console.log(`scale-out tests skipped: ${fleet.skip}`);
  describe.skip(`two instances over Postgres and Redis (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b } = fleet;
  afterAll(() => fleet.stop());

  const userOnBoth = () => sameUserOn(a.url, b.url);

  describe("two instances over Postgres and Redis", () => {
    it("are both ready", async () => {
      for (const server of [a, b]) expect((await fetch(new URL("/readyz", server.url))).status).toBe(200);
    });

    it("streams a generation running on A from B, and resumes it on B at an offset", async () => {
      const { onA, onB } = await userOnBoth();
      const conversation = await onA.conversations.create({ model: FAKE_MODEL });
      const sent = await onA.messages.send(conversation.id, { content: "[[slow:15]][[chunks:30]] across instances" });
      const head = [];
      for await (const event of onB.streams.read(sent.streamId)) {
        head.push(event);
        if (event.seq === 8) break;
      }
      const realtime = await onB.connect();
      const tail = await collect(realtime.subscribe(sent.streamId, 8));
      realtime.close();
      const all = [...head, ...tail];
      expect(all.map((event) => event.seq)).toEqual(all.map((_, index) => index + 1));
      const persisted = await eventually(async () => {
        const reply = (await onA.messages.list(conversation.id)).at(-1);
        expect(reply?.status).toBe("complete");
        return reply;
      });
      expect(textOf(all)).toBe(persisted?.content);
    });

    it("cancels on B a generation running on A", async () => {
      const { onA, onB } = await userOnBoth();
      const conversation = await onA.conversations.create({ model: FAKE_MODEL });
      const sent = await onA.messages.send(conversation.id, { content: "[[slow:50]][[chunks:100]] cancel me" });
      for await (const event of onA.streams.read(sent.streamId)) if (event.seq === 5) break;
      await onB.streams.cancel(sent.streamId);
      const events = await collect(onA.streams.read(sent.streamId));
      expect(events.at(-1)?.part.type).toBe("abort");
      await eventually(async () => expect((await onB.messages.list(conversation.id)).at(-1)?.status).toBe("cancelled"));
    });

    it("resumes exactly under random disconnects on alternating instances (property test)", async () => {
      const { onA, onB } = await userOnBoth();
      let seed = 20261123;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const STREAMS = 40;
      let reconnects = 0;
      const conversation = await onA.conversations.create({ model: FAKE_MODEL });
      const runs = Array.from({ length: STREAMS }, async (_, index) => {
        const writer = index % 2 === 0 ? onA : onB;
        const sent = await writer.messages.send(conversation.id, {
          content: `[[slow:${2 + (index % 5)}]][[chunks:${20 + index}]] stream number ${index} with some words`,
          parentId: null,
        });
        const assembled: StreamEvent[] = [];
        for (let attempt = 0; ; attempt += 1) {
          const reader = attempt % 2 === 0 ? onB : onA;
          const after = assembled.at(-1)?.seq ?? 0;
          const stopAfter = 1 + Math.floor(random() * 8);
          let finished = true;
          const socket = random() < 0.5 ? undefined : await reader.connect();
          const events = socket
            ? socket.subscribe(sent.streamId, after)
            : reader.streams.read(sent.streamId, { after, resume: false });
          for await (const event of events) {
            assembled.push(event);
            if (assembled.length - after >= stopAfter && event.part.type !== "finish") {
              finished = false;
              break;
            }
          }
          socket?.close();
          if (finished) break;
          reconnects += 1;
        }
        return { sent, assembled };
      });
      const results = await Promise.all(runs);
      const messages = await eventually(async () => {
        const list = await onA.messages.list(conversation.id);
        expect(list.filter((m) => m.role === "assistant" && m.status === "complete")).toHaveLength(STREAMS);
        return list;
      });
      for (const { sent, assembled } of results) {
        expect(assembled.map((event) => event.seq)).toEqual(assembled.map((_, i) => i + 1));
        expect(textOf(assembled)).toBe(messages.find((m) => m.id === sent.reply.id)?.content);
      }
      console.log(`resume property test: ${STREAMS} streams, ${reconnects} reconnects, all exact`);
      expect(reconnects).toBeGreaterThan(STREAMS);
    });

    it("throttles failed sign-ins across instances, not per instance", async () => {
      const { email } = await signedInClient(a.url);
      const attempt = (url: string) =>
        fetch(new URL("/api/auth/login", url), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password: "not the password" }),
        });
      // The default budget is 10 failures per account: five on each instance use it up.
      for (let index = 0; index < 10; index += 1) expect((await attempt(index % 2 ? b.url : a.url)).status).toBe(401);
      for (const url of [a.url, b.url]) {
        const refused = await attempt(url);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    });

    it("pushes a message sent on A to a watcher on B", async () => {
      const { onA, onB } = await userOnBoth();
      const conversation = await onA.conversations.create({ model: FAKE_MODEL });
      const watcher = await onB.connect();
      const seen: string[] = [];
      watcher.on("message", (frame) => seen.push(`${frame.message.role}:${frame.message.status}`));
      await watcher.request({ type: "watch", conversationId: conversation.id });
      const sent = await onA.messages.send(conversation.id, { content: "hello B" });
      await collect(onA.streams.read(sent.streamId));
      await eventually(() => expect(seen).toEqual(["user:complete", "assistant:streaming", "assistant:complete"]));
      watcher.close();
    });
  });
}
