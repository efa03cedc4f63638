import type { ServerFrame } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { eventually, newClient, rawTestSocket, signedInClient } from "./support.ts";

const fleet = await startFleet({ USER_MAX_CONCURRENT_GENERATIONS: "64" });

if ("skip" in fleet) {
  console.log(`shared scale-out tests skipped: ${fleet.skip}`);
  describe.skip(`shared conversations on two instances (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b } = fleet;
  afterAll(() => fleet.stop());

  const eventFrames = (frames: ServerFrame[]) =>
    frames.flatMap((frame) =>
      frame.type === "conversationEvent" ? [{ version: frame.version, type: frame.event.type }] : [],
    );

  describe("shared conversations on two instances", () => {
    it("gives a member on B the owner's changes on A exactly, across reconnects, and presence both ways", async () => {
      const owner = await signedInClient(a.url, "owner");
      const editor = await signedInClient(a.url, "editor");
      const editorOnB = newClient(b.url);
      await editorOnB.auth.login({ email: editor.email, password: editor.password });
      const conversation = await owner.client.conversations.create({ title: "Across", model: "demo/echo" });
      await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });

      const received: { version: number; type: string }[] = [];
      let writing = true;
      const writer = (async () => {
        for (let round = 0; round < 8; round += 1) {
          await owner.client.conversations.update(conversation.id, { title: `Round ${round}` });
          await owner.client.messages.send(conversation.id, { content: `round ${round}`, parentId: null });
        }
        writing = false;
      })();
      let reconnects = 0;
      while (writing || reconnects === 0) {
        const watcher = await rawTestSocket(b.url, editorOnB.transport.cookieHeader());
        const after = received.at(-1)?.version ?? 0;
        watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after, requestId: "w" }));
        await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));
        watcher.socket.close();
        await watcher.closed;
        received.push(...eventFrames(watcher.frames));
        reconnects += 1;
      }
      await writer;
      await eventually(async () => {
        const messages = await owner.client.messages.list(conversation.id);
        expect(messages.filter((message) => message.status === "streaming")).toEqual([]);
      });
      const history = (await owner.client.history.events(conversation.id, { limit: 1000 })).events;
      const last = await rawTestSocket(b.url, editorOnB.transport.cookieHeader());
      last.socket.send(
        JSON.stringify({
          type: "watch",
          conversationId: conversation.id,
          after: received.at(-1)?.version ?? 0,
          requestId: "w",
        }),
      );
      await eventually(() => expect(last.frames).toContainEqual({ type: "ok", requestId: "w" }));
      received.push(...eventFrames(last.frames));
      expect(reconnects).toBeGreaterThan(1);
      expect(received).toEqual(history.map(({ version, event }) => ({ version, type: event.type })));

      // Presence said on A reaches the watcher on B, and goes when A's socket closes.
      const ownerSocket = await rawTestSocket(a.url, owner.client.transport.cookieHeader());
      ownerSocket.socket.send(JSON.stringify({ type: "presence", conversationId: conversation.id, state: "typing" }));
      await eventually(() =>
        expect(last.frames.filter((frame) => frame.type === "presence").at(-1)).toMatchObject({
          users: [{ id: owner.user.id, state: "typing" }],
        }),
      );
      ownerSocket.socket.close();
      await eventually(() =>
        expect(last.frames.filter((frame) => frame.type === "presence").at(-1)).toMatchObject({ users: [] }),
      );
      last.socket.close();
    });
  });
}
