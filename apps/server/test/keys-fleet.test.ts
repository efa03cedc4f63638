import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "./fake-provider/index.ts";
import { startFleet } from "./fleet.ts";
import { collect, FAKE_MODEL, sameUserOn, textOf } from "./support.ts";

const USER_KEY = "sk-own-server-key-7777";
const userServer: FakeProvider = await startFakeProvider({ apiKeys: [USER_KEY], models: ["own-13b"] });
const fleet = await startFleet({
  // Every instance must open what another sealed: the master key is the fleet's, as production requires.
  KEYS_MASTER_KEY: randomBytes(32).toString("base64"),
  ALLOW_PRIVATE_BASE_URLS: "true",
  USER_MAX_CONCURRENT_GENERATIONS: "2",
});

if ("skip" in fleet) {
  console.log(`keys fleet tests skipped: ${fleet.skip}`);
  describe.skip(`keys, tokens and limits on two instances (skipped: ${fleet.skip})`, () => {});
  afterAll(() => userServer.close());
} else {
  const { a, b } = fleet;
  afterAll(async () => {
    await fleet.stop();
    await userServer.close();
  });

  const json = (client: Awaited<ReturnType<typeof sameUserOn>>["onA"], method: string, path: string, body?: unknown) =>
    client.transport.raw(path, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });

  describe("keys, tokens and limits on two instances over Postgres and Redis", () => {
    it("a user's key added on A serves them on B, with usage; a token made on A streams through B's /v1", async () => {
      const { onA, onB } = await sameUserOn(a.url, b.url);
      const added = await json(onA, "POST", "/api/keys", {
        provider: "openai-compatible",
        apiKey: USER_KEY,
        baseUrl: `${userServer.url}/v1`,
        label: "own",
      });
      expect(added.status).toBe(201);
      const models = (await (await json(onB, "GET", "/api/models")).json()).models.map(
        (model: { id: string }) => model.id,
      );
      expect(models).toContain("own/own-13b");

      const conversation = await onB.conversations.create({ model: "own/own-13b" });
      const sent = await onB.messages.send(conversation.id, { content: "through my own server" });
      expect(textOf(await collect(onA.streams.read(sent.streamId)))).toBe("Echo: through my own server");
      const reply = (await onA.messages.list(conversation.id)).find((message) => message.id === sent.reply.id);
      expect(reply?.usage).toEqual({ inputTokens: 4, outputTokens: 7, costUsd: null, estimated: false });

      const { secret } = await (await json(onA, "POST", "/api/tokens", { name: "fleet" })).json();
      const sdk = new OpenAI({ baseURL: `${b.url}/v1`, apiKey: secret, maxRetries: 0 });
      const stream = await sdk.chat.completions.create({
        model: "own/own-13b",
        messages: [{ role: "user", content: "via b" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = "";
      let usage: unknown;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? "";
        usage = chunk.usage ?? usage;
      }
      expect(text).toBe("Echo: via b");
      expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3 });
      const { usage: report } = await (await json(onA, "GET", "/api/usage")).json();
      expect(report.totals.generations).toBe(2);
    });

    it("counts concurrent generations across both instances", async () => {
      const { onA, onB } = await sameUserOn(a.url, b.url);
      const [first, second, third] = await Promise.all(
        [1, 2, 3].map(() => onA.conversations.create({ model: FAKE_MODEL })),
      );
      const held = [
        await onA.messages.send(first?.id ?? "", { content: "[[stall]] on a" }),
        await onB.messages.send(second?.id ?? "", { content: "[[stall]] on b" }),
      ];
      for (const client of [onA, onB]) {
        const refused = await json(client, "POST", `/api/conversations/${third?.id}/messages`, { content: "a third" });
        expect(refused.status).toBe(429);
        expect((await refused.json()).error.code).toBe("rate_limited");
      }
      for (const turn of held) await onA.streams.cancel(turn.streamId);
    });
  });
}
