import type { ServerFrame } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_SAVED_NOTICE } from "../../src/generation/turn-runner.ts";
import { type FakeProvider, startFakeProvider } from "../fake-provider/index.ts";
import { startPostgresServer } from "../postgres-server.ts";
import { type ServerProcess, startInstance } from "../server-process.ts";
import { eventually, FAKE_MODEL, newClient, openTestSocket, rawTestSocket, signedInClient } from "../support.ts";
import { FAULT_TEST_TIMEOUT_MS, followSse, hammer, metric, readiness } from "./support.ts";

const cluster = await startPostgresServer();
const REPLIES = 3;

if ("skip" in cluster) {
  console.log(`Postgres fault tests skipped: ${cluster.skip}`);
  describe.skip(`a Postgres outage (skipped: ${cluster.skip})`, () => {});
} else {
  let fake: FakeProvider;
  let server: ServerProcess;
  beforeAll(async () => {
    fake = await startFakeProvider();
    server = await startInstance({
      DATABASE_URL: cluster.url,
      OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
      // Titles by a model put the user's text in a job payload too (jsonb under pg-boss).
      TITLE_MODEL: FAKE_MODEL,
    });
  }, FAULT_TEST_TIMEOUT_MS);
  afterAll(async () => {
    // A test that failed mid-outage leaves generations waiting for the database: a graceful stop would wait too.
    server?.child.kill("SIGKILL");
    await server?.stop();
    await fake?.close();
    await cluster.stop();
  }, FAULT_TEST_TIMEOUT_MS);

  describe("Postgres stopped abruptly while replies stream", () => {
    it(
      "keeps the process alive, answers 503 while it is gone, and saves every reply whole once it is back",
      async () => {
        const { client } = await signedInClient(server.url);
        const cookie = client.transport.cookieHeader();
        const answers = Array.from({ length: REPLIES }, (_, i) => `Reply ${i}: ${"every word kept ".repeat(150)}`);
        const conversations = await Promise.all(answers.map(() => client.conversations.create({ model: FAKE_MODEL })));
        const watcher = await rawTestSocket(server.url, cookie);
        watcher.socket.send(JSON.stringify({ type: "watch", conversationId: conversations[0]?.id, requestId: "w" }));
        await eventually(() => expect(watcher.frames.some((frame) => frame.type === "ok")).toBe(true));
        const sent = await Promise.all(
          answers.map((answer, i) =>
            client.messages.send(conversations[i]?.id ?? "", {
              content: `[[pause:5]][[chunks:60]][[reply:${answer}]]`,
            }),
          ),
        );
        const followers = await Promise.all(
          sent.map(({ streamId }) => followSse({ url: server.url, cookie, streamId })),
        );
        await eventually(() => expect(fake.paused).toBe(REPLIES));

        let outageOver = (_: unknown) => {};
        const requests = hammer({
          request: () =>
            fetch(new URL(`/api/conversations/${conversations[0]?.id}/messages`, server.url), { headers: { cookie } }),
          stop: new Promise((resolve) => (outageOver = resolve)),
        });
        await cluster.kill();
        await eventually(async () =>
          expect(await readiness(server.url)).toMatchObject({ status: 503, code: "not_ready" }),
        );
        const downReadiness = await readiness(server.url);
        // The session was verified moments ago and this instance still holds it (SESSION_CACHE_TTL_MS): the upgrade
        // needs no database, so a socket still opens.
        const socket = await openTestSocket(server.url, { cookie, origin: server.url });
        expect(typeof socket).toBe("object");
        if (typeof socket === "object") socket.close();

        // The replies end while the database is away: their final writes wait for it, and nobody is told "done".
        fake.resume();
        await eventually(() => expect(followers.every((f) => f.parts.some((p) => p.type === "finish"))).toBe(true));
        await eventually(async () =>
          expect(await metric(server.url, "slipstream_final_write_retries_total")).toBeGreaterThanOrEqual(REPLIES * 2),
        );
        expect(followers.map((follower) => follower.sawDone)).toEqual(answers.map(() => false));
        const statuses = (frames: ServerFrame[]) =>
          frames.flatMap((frame) =>
            frame.type === "message" && frame.message.role === "assistant" ? [frame.message.status] : [],
          );
        expect(statuses(watcher.frames)).not.toContain("complete");

        await cluster.start();
        const backAt = Date.now();
        await eventually(async () => expect((await readiness(server.url)).status).toBe(200), 20_000);
        const readyAfterMs = Date.now() - backAt;
        outageOver(undefined);
        const answered = await requests;

        expect(await Promise.all(followers.map((follower) => follower.ended))).toEqual(answers.map(() => "done"));
        const saved = await Promise.all(
          conversations.map(async ({ id }) => (await client.messages.list(id)).find((m) => m.role === "assistant")),
        );
        expect(saved.map((reply) => reply?.status)).toEqual(answers.map(() => "complete"));
        expect(saved.map((reply) => reply?.content)).toEqual(answers);
        expect(followers.map((follower) => follower.text())).toEqual(answers);
        await eventually(() => expect(statuses(watcher.frames).at(-1)).toBe("complete"));
        watcher.socket.close();

        // Every request answered while the database was away got a clean 503, none a 500.
        expect([...answered.keys()].filter((key) => key !== "200 ok" && key !== "503 unavailable")).toEqual([]);
        expect(answered.get("503 unavailable")).toBeGreaterThan(0);
        expect(downReadiness.message).toMatch(/database/i);
        expect(server.child.exitCode).toBeNull();
        const generated = answers.join("").length;
        const kept = saved.reduce((sum, reply) => sum + (reply?.content.length ?? 0), 0);
        console.log(
          `postgres killed mid-reply: process alive; ${REPLIES} replies saved whole (${kept} of ${generated} chars); ` +
            `ready ${readyAfterMs} ms after Postgres accepted again; requests meanwhile: ${JSON.stringify(Object.fromEntries(answered))}`,
        );
      },
      FAULT_TEST_TIMEOUT_MS,
    );
  });

  describe("U+0000 in the texts on Postgres", () => {
    it(
      "saves a reply whose model text holds U+0000 whole, with U+FFFD in its place, and the user's message too",
      async () => {
        const { client } = await signedInClient(server.url);
        const conversation = await client.conversations.create({ model: FAKE_MODEL });
        const answer = "nul~here~and~there ".repeat(20);
        const sent = await client.messages.send(conversation.id, {
          content: `[[nul:~]][[reply:${answer}]] and one typed by the user: \u0000.`,
        });
        const follower = await followSse({
          url: server.url,
          cookie: client.transport.cookieHeader(),
          streamId: sent.streamId,
        });
        expect(await follower.ended).toBe("done");
        const generated = answer.replaceAll("~", "\u0000");
        expect(follower.text()).toBe(generated);
        const [question, reply] = await client.messages.list(conversation.id);
        expect(question?.content).toMatch(/by the user: \uFFFD\.$/);
        expect(reply).toMatchObject({ status: "complete", content: generated.replaceAll("\u0000", "\uFFFD") });
        // Parts are JSON text, where U+0000 is an escape: they keep the model's text exactly.
        expect(reply?.parts.at(-1)).toEqual({ type: "text", text: generated, state: "done" });
        // The title job ran (its payload holds the user's text, in jsonb under pg-boss): the fake model, reading the
        // directives in its prompt, answers with the reply's text, U+0000 and all.
        await eventually(async () =>
          expect((await client.conversations.get(conversation.id)).title).toMatch(/^nul\uFFFDhere\uFFFDand/),
        );
        console.log(`U+0000 on Postgres: reply saved whole (${reply?.content.length} of ${generated.length} chars)`);
      },
      FAULT_TEST_TIMEOUT_MS,
    );
  });

  describe("Postgres still down when the server stops", () => {
    it(
      "leaves the reply interrupted with its last checkpoint, and tells its followers it was not saved",
      async () => {
        const stopping = await startInstance({
          DATABASE_URL: cluster.url,
          OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
          TITLE_MODEL: "none",
          CHECKPOINT_INTERVAL_MS: "50",
          SHUTDOWN_GRACE_MS: "200",
        });
        try {
          const { client, email, password } = await signedInClient(stopping.url);
          const conversation = await client.conversations.create({ model: FAKE_MODEL });
          const answer = "a reply that will not be saved ".repeat(30);
          const sent = await client.messages.send(conversation.id, {
            content: `[[pause:10]][[chunks:40]][[reply:${answer}]]`,
          });
          const follower = await followSse({
            url: stopping.url,
            cookie: client.transport.cookieHeader(),
            streamId: sent.streamId,
          });
          await eventually(() => expect(fake.paused).toBe(1));
          const checkpoint = await eventually(async () => {
            const reply = (await client.messages.list(conversation.id)).at(-1);
            expect(reply?.content.length).toBeGreaterThan(0);
            return reply?.content ?? "";
          });

          await cluster.kill();
          fake.resume();
          await eventually(async () =>
            expect(await metric(stopping.url, "slipstream_final_write_retries_total")).toBeGreaterThanOrEqual(1),
          );
          stopping.child.kill("SIGTERM");
          expect(await follower.ended).toBe("done");
          expect(follower.parts.at(-1)).toEqual({ type: "error", errorText: NOT_SAVED_NOTICE });
          expect(follower.text()).toBe(answer);
          expect(await stopping.exited).not.toBeNull();
          await cluster.start();
          const again = await startInstance({ DATABASE_URL: cluster.url, TITLE_MODEL: "none" });
          try {
            const reader = newClient(again.url);
            await reader.auth.login({ email, password });
            const reply = (await reader.messages.list(conversation.id)).at(-1);
            expect(reply?.status).toBe("interrupted");
            expect(answer.startsWith(reply?.content ?? "-")).toBe(true);
            expect(reply?.content.length).toBeGreaterThanOrEqual(checkpoint.length);
            console.log(
              `postgres down past shutdown: reply interrupted with its checkpoint (${reply?.content.length} of ${answer.length} chars), followers told ${JSON.stringify(NOT_SAVED_NOTICE)}`,
            );
          } finally {
            await again.stop();
          }
        } finally {
          await stopping.stop();
        }
      },
      FAULT_TEST_TIMEOUT_MS,
    );
  });
}
