import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISK_FULL } from "../../src/store/unavailable.ts";
import { type FakeProvider, startFakeProvider } from "../fake-provider/index.ts";
import { startMain } from "../server-process.ts";
import { mountSmallDisk } from "../small-disk.ts";
import { collect, eventually, FAKE_MODEL, newClient, signedInClient, textOf } from "../support.ts";
import { FAULT_TEST_TIMEOUT_MS, followSse, metric, readiness } from "./support.ts";

const disk = await mountSmallDisk({ sizeMiB: 32 });

if ("skip" in disk) {
  console.log(`disk-full fault tests skipped: ${disk.skip}`);
  describe.skip(`a full disk in embedded mode (skipped: ${disk.skip})`, () => {});
} else {
  let fake: FakeProvider;
  const env = () => ({ DATA_DIR: disk.dir, OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`, TITLE_MODEL: "none" });
  beforeAll(async () => {
    fake = await startFakeProvider();
  }, FAULT_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await fake?.close();
    await disk.unmount();
  }, FAULT_TEST_TIMEOUT_MS);

  describe("the disk of an embedded server filling up", () => {
    it(
      "reports not ready, refuses sends with 503, keeps the reply in flight and everything committed, and recovers",
      async () => {
        let server = await startMain(env());
        try {
          const { client, email, password } = await signedInClient(server.url);
          const conversation = await client.conversations.create({ model: FAKE_MODEL });
          const before = await client.messages.send(conversation.id, { content: "committed before the disk filled" });
          await collect(client.streams.read(before.streamId));
          const committed = await client.messages.list(conversation.id);

          const answer = `Kept whole: ${"a reply finished on a full disk ".repeat(60)}`;
          const sent = await client.messages.send(conversation.id, {
            content: `[[pause:5]][[chunks:50]][[reply:${answer}]]`,
          });
          const follower = await followSse({
            url: server.url,
            cookie: client.transport.cookieHeader(),
            streamId: sent.streamId,
          });
          await eventually(() => expect(fake.paused).toBe(1));

          await disk.fill();
          await eventually(async () =>
            expect(await readiness(server.url)).toEqual({ status: 503, code: "not_ready", message: DISK_FULL }),
          );
          fake.resume();
          await eventually(() => expect(follower.parts.some((part) => part.type === "finish")).toBe(true));
          await eventually(async () =>
            expect(await metric(server.url, "slipstream_final_write_retries_total")).toBeGreaterThanOrEqual(2),
          );
          expect(follower.sawDone).toBe(false);

          const refused = await fetch(new URL(`/api/conversations/${conversation.id}/messages`, server.url), {
            method: "POST",
            headers: { cookie: client.transport.cookieHeader(), "content-type": "application/json" },
            // A new root: the reply in flight holds its own branch's turn until it is saved.
            body: JSON.stringify({ content: "sent on a full disk", parentId: null }),
          });
          expect(refused.status).toBe(503);
          expect(await refused.json()).toEqual({ error: { code: "unavailable", message: DISK_FULL } });

          await disk.free();
          const freedAt = Date.now();
          await eventually(async () => expect((await readiness(server.url)).status).toBe(200));
          const readyAfterMs = Date.now() - freedAt;
          expect(await follower.ended).toBe("done");
          const saved = (await client.messages.list(conversation.id)).at(-1);
          expect(saved).toMatchObject({ id: sent.reply.id, status: "complete", content: answer });
          expect(follower.text()).toBe(answer);
          const after = await client.messages.send(conversation.id, { content: "sent once space came back" });
          expect(textOf(await collect(client.streams.read(after.streamId)))).toBe("Echo: sent once space came back");
          expect(server.child.exitCode).toBeNull();

          // Nothing committed was lost, nor the refused send half-written: a restart reads it all back.
          server.child.kill("SIGTERM");
          await server.exited;
          server = await startMain(env());
          const reader = newClient(server.url);
          await reader.auth.login({ email, password });
          const messages = await reader.messages.list(conversation.id);
          expect(messages.slice(0, committed.length)).toEqual(committed);
          expect(messages.map((message) => message.content)).toEqual([
            ...committed.map((message) => message.content),
            sent.message.content,
            answer,
            "sent once space came back",
            "Echo: sent once space came back",
          ]);
          console.log(
            `disk full: process alive; reply saved whole (${saved?.content.length} of ${answer.length} chars); ` +
              `send refused with 503; ready ${readyAfterMs} ms after space came back; nothing committed lost`,
          );
        } finally {
          if (server.child.exitCode === null) server.child.kill("SIGKILL");
          await server.exited;
        }
      },
      FAULT_TEST_TIMEOUT_MS,
    );
  });
}
