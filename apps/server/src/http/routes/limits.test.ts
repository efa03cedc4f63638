import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  eventually,
  FAKE_MODEL,
  rawTestSocket,
  signedInClient,
  startServerWithFakeProvider,
} from "../../../test/support.ts";
import { priceUsd } from "../../generation/prices.ts";

const CONCURRENT = 4;
const PARALLEL_SENDS = 24;

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let admin: Awaited<ReturnType<typeof signedInClient>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider({
    USER_MAX_CONCURRENT_GENERATIONS: String(CONCURRENT),
    USER_REQUESTS_PER_MINUTE: "1000",
  });
  admin = await signedInClient(env.server.url, "admin");
});
afterAll(() => env.stop());

type Account = Awaited<ReturnType<typeof signedInClient>>;
const post = (account: Account, path: string, body: unknown) =>
  account.client.transport.raw(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("concurrent generations per user", () => {
  it(`refuses at once, with 429 rate_limited and Retry-After, every send past ${CONCURRENT} running ones`, async () => {
    const user = await signedInClient(env.server.url, "busy");
    const conversations = await Promise.all(
      Array.from({ length: PARALLEL_SENDS }, () => user.client.conversations.create({ model: FAKE_MODEL })),
    );
    const started = performance.now();
    const answers = await Promise.all(
      conversations.map(async (conversation) => {
        const response = await post(user, `/api/conversations/${conversation.id}/messages`, {
          content: "[[stall]] hold",
        });
        return { conversation, response, body: await response.json(), ms: performance.now() - started };
      }),
    );
    const accepted = answers.filter(({ response }) => response.status === 202);
    const refused = answers.filter(({ response }) => response.status === 429);
    expect(accepted).toHaveLength(CONCURRENT);
    expect(refused).toHaveLength(PARALLEL_SENDS - CONCURRENT);
    for (const { response, body } of refused) {
      expect(body.error.code).toBe("rate_limited");
      expect(response.headers.get("retry-after")).toBe("1");
    }
    // Measured, not asserted (the machine is shared): how long the refusals took.
    const slowest = Math.max(...refused.map(({ ms }) => ms));
    console.info(
      `${PARALLEL_SENDS} parallel sends, limit ${CONCURRENT}: ${refused.length} refused, the last after ${slowest.toFixed(0)} ms`,
    );

    // A refused send wrote nothing.
    for (const { conversation } of refused) expect(await user.client.messages.list(conversation.id)).toEqual([]);
    for (const { body } of accepted) await user.client.streams.cancel(body.streamId);
    await eventually(async () => {
      const again = await post(user, `/api/conversations/${conversations[0]?.id}/messages`, { content: "after" });
      expect(again.status).toBe(202);
      await collect(user.client.streams.read((await again.json()).streamId));
    });
  });

  it("refuses over the WebSocket with an error frame that carries the code and Retry-After", async () => {
    const user = await signedInClient(env.server.url, "socket");
    const cookie = user.client.transport.cookieHeader();
    const conversation = await user.client.conversations.create({ model: FAKE_MODEL });
    const socket = await rawTestSocket(env.server.url, cookie);
    for (let index = 0; index < CONCURRENT + 1; index += 1) {
      socket.socket.send(
        JSON.stringify({
          type: "send",
          conversationId: conversation.id,
          content: "[[stall]] hold",
          requestId: `r${index}`,
          parentId: null,
        }),
      );
    }
    await eventually(() =>
      expect(socket.frames.filter((frame) => frame.type === "accepted" || frame.type === "error")).toHaveLength(
        CONCURRENT + 1,
      ),
    );
    expect(socket.frames.filter((frame) => frame.type === "accepted")).toHaveLength(CONCURRENT);
    expect(socket.frames.find((frame) => frame.type === "error")).toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 1,
    });
    for (const frame of socket.frames) if (frame.type === "accepted") await user.client.streams.cancel(frame.streamId);
    socket.socket.close();
  });
});

describe("tokens per day", () => {
  it("refuse with 429 quota_exceeded and Retry-After once the day's tokens are spent", async () => {
    const user = await signedInClient(env.server.url, "thrifty");
    const patch = await admin.client.transport.raw(`/api/admin/users/${user.user.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limits: { tokensPerDay: 5 } }),
    });
    expect((await patch.json()).user.limits).toEqual({
      concurrentGenerations: CONCURRENT,
      requestsPerMinute: 1000,
      tokensPerDay: 5,
    });
    const conversation = await user.client.conversations.create({ model: FAKE_MODEL });
    const first = await user.client.messages.send(conversation.id, { content: "spend my tokens please" });
    await collect(user.client.streams.read(first.streamId));
    const refused = await post(user, `/api/conversations/${conversation.id}/messages`, { content: "more" });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("quota_exceeded");
    const seconds = Number(refused.headers.get("retry-after"));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(24 * 60 * 60);
  });
});

describe("usage of a reply", () => {
  it("is the provider's own report, priced from the catalogue, on the message and in GET /api/usage", async () => {
    const user = await signedInClient(env.server.url, "counted");
    const conversation = await user.client.conversations.create({ model: FAKE_MODEL });
    const sent = await user.client.messages.send(conversation.id, { content: "count these words" });
    await collect(user.client.streams.read(sent.streamId));
    const reply = (await user.client.messages.list(conversation.id)).find((message) => message.id === sent.reply.id);
    expect(reply?.usage).toEqual({ inputTokens: 3, outputTokens: 6, costUsd: null, estimated: false });
    const user2 = (await user.client.messages.list(conversation.id)).find((message) => message.role === "user");
    expect(user2?.usage).toBeNull();
    const { usage } = await (await user.client.transport.raw("/api/usage")).json();
    expect(usage.totals).toEqual({ generations: 1, inputTokens: 3, outputTokens: 6, costUsd: null });
    expect(usage.byDay).toEqual([
      { day: new Date().toISOString().slice(0, 10), generations: 1, inputTokens: 3, outputTokens: 6, costUsd: null },
    ]);
  });

  it("is estimated with a tokenizer, and marked so, when a reply is stopped before the provider reports any", async () => {
    const user = await signedInClient(env.server.url, "stopped");
    const conversation = await user.client.conversations.create({ model: FAKE_MODEL });
    const sent = await user.client.messages.send(conversation.id, {
      content: "[[slow:50]] a long enough answer to stop midway",
    });
    const events = user.client.streams.read(sent.streamId);
    for await (const { part } of events) {
      if (part.type === "text-delta") {
        await user.client.streams.cancel(sent.streamId);
        break;
      }
    }
    await eventually(async () => {
      const reply = (await user.client.messages.list(conversation.id)).find((message) => message.id === sent.reply.id);
      expect(reply?.status).toBe("cancelled");
      expect(reply?.usage).toMatchObject({ estimated: true, costUsd: null });
      expect(reply?.usage?.inputTokens).toBeGreaterThan(0);
    });
  });

  it("prices a catalogued model at the catalogue's figure, and none it does not know", () => {
    expect(priceUsd({ modelId: "openai/gpt-4.1-mini", inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(
      2,
      5,
    );
    expect(priceUsd({ modelId: "local/llama3.2", inputTokens: 1000, outputTokens: 1000 })).toBeNull();
    expect(priceUsd({ modelId: "openai/not-a-model-anyone-has", inputTokens: 1000, outputTokens: 1000 })).toBeNull();
  });

  it("adds up across users for admins, and in the admin's users list", async () => {
    const { usage } = await (await admin.client.transport.raw("/api/admin/usage")).json();
    expect(usage.totals.generations).toBeGreaterThanOrEqual(2);
    const plain = await signedInClient(env.server.url, "plain");
    expect((await plain.client.transport.raw("/api/admin/usage")).status).toBe(403);
    const { users } = await (await admin.client.transport.raw("/api/admin/users")).json();
    const counted = users.find((user: { name: string }) => user.name === "counted");
    expect(counted).toMatchObject({
      usage: { generations: 1, inputTokens: 3, outputTokens: 6, costUsd: null },
      limits: { concurrentGenerations: CONCURRENT, requestsPerMinute: 1000, tokensPerDay: null },
      limitOverrides: {},
    });
  });
});
