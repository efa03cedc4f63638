import type { ServerFrame } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { eventually, FAKE_MODEL, newClient, rawTestSocket, signedInClient } from "./support.ts";

const fleet = await startFleet();

if ("skip" in fleet) {
  console.log(`removed member tests skipped: ${fleet.skip}`);
  describe.skip(`a member removed on another instance (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b } = fleet;
  afterAll(() => fleet.stop());

  const framesOf = (frames: ServerFrame[], streamId: string) =>
    frames.filter((frame) => "streamId" in frame && frame.streamId === streamId);

  describe("a member removed on another instance", () => {
    it("loses sending at once when made a viewer, and every open watch and stream of the conversation when removed", async () => {
      const owner = await signedInClient(a.url, "owner");
      const member = await signedInClient(a.url, "member");
      const memberOnB = newClient(b.url);
      await memberOnB.auth.login({ email: member.email, password: member.password });
      const conversation = await owner.client.conversations.create({ model: FAKE_MODEL });
      await owner.client.members.add(conversation.id, { email: member.email, role: "editor" });
      await memberOnB.messages.send(conversation.id, { content: "[[reply:first]]", parentId: null });

      await owner.client.members.update(conversation.id, member.user.id, "viewer");
      await expect(
        memberOnB.messages.send(conversation.id, { content: "as a viewer", parentId: null }),
      ).rejects.toMatchObject({ status: 403, code: "forbidden" });

      // A long reply, followed by the member on B over the socket and over SSE; the owner watches on B too.
      const answer = "word ".repeat(150).trim();
      const sent = await owner.client.messages.send(conversation.id, {
        content: `[[slow:40]][[chunks:150]][[reply:${answer}]]`,
        parentId: null,
      });
      const watcher = await rawTestSocket(b.url, memberOnB.transport.cookieHeader());
      const send = (frame: object) => watcher.socket.send(JSON.stringify(frame));
      send({ type: "watch", conversationId: conversation.id, after: 0, requestId: "w" });
      await eventually(() => expect(watcher.frames).toContainEqual({ type: "ok", requestId: "w" }));
      send({ type: "presence", conversationId: conversation.id, state: "viewing", requestId: "p" });
      send({ type: "subscribe", streamId: sent.streamId, requestId: "s" });
      const ownerWatch = await rawTestSocket(b.url, owner.client.transport.cookieHeader());
      ownerWatch.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
      await eventually(() => expect(ownerWatch.frames).toContainEqual({ type: "ok", requestId: "w" }));
      let sseEvents = 0;
      const following = (async () => {
        for await (const _ of memberOnB.streams.read(sent.streamId)) sseEvents += 1;
      })().then(
        () => "ended",
        (error: { code?: string }) => error.code ?? String(error),
      );
      await eventually(() => {
        expect(framesOf(watcher.frames, sent.streamId).length).toBeGreaterThan(5);
        expect(sseEvents).toBeGreaterThan(5);
      });

      await owner.client.members.remove(conversation.id, member.user.id);

      await eventually(() =>
        expect(watcher.frames).toContainEqual({
          type: "conversation",
          conversationId: conversation.id,
          action: "removed",
        }),
      );
      await eventually(() =>
        expect(watcher.frames).toContainEqual(
          expect.objectContaining({ type: "error", code: "not_found", requestId: "s" }),
        ),
      );
      expect(await following).toBe("not_found");
      // The member's presence went with the watch.
      await eventually(() =>
        expect(ownerWatch.frames.filter((frame) => frame.type === "presence").at(-1)).toMatchObject({ users: [] }),
      );

      // The owner's watch, on the same instance, sees what comes next; the removed member's socket gets none of it.
      const seenBefore = watcher.frames.length;
      await owner.client.conversations.update(conversation.id, { title: "After the removal" });
      const presence = await rawTestSocket(a.url, owner.client.transport.cookieHeader());
      presence.socket.send(JSON.stringify({ type: "presence", conversationId: conversation.id, state: "typing" }));
      await eventually(async () => {
        expect((await owner.client.messages.list(conversation.id)).at(-1)?.status).toBe("complete");
        expect(ownerWatch.frames).toContainEqual(
          expect.objectContaining({
            type: "conversation",
            action: "updated",
            conversation: expect.objectContaining({ title: "After the removal" }),
          }),
        );
        expect(ownerWatch.frames.filter((frame) => frame.type === "presence").at(-1)).toMatchObject({
          users: [{ id: owner.user.id, state: "typing" }],
        });
      }, 20_000);
      expect(watcher.frames.slice(seenBefore)).toEqual([]);
      // The stream stopped at the removal: nothing of it after the error, and no `done`.
      const lastOfStream = watcher.frames.findLastIndex(
        (frame) => "streamId" in frame && frame.streamId === sent.streamId,
      );
      expect(lastOfStream).toBeLessThan(
        watcher.frames.findIndex((frame) => frame.type === "error" && frame.requestId === "s"),
      );
      expect(framesOf(watcher.frames, sent.streamId).map((frame) => frame.type)).not.toContain("done");
      for (const socket of [watcher.socket, ownerWatch.socket, presence.socket]) socket.close();
    });
  });
}
