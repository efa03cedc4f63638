import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";
import type { ProviderKeyRecord, UsageRecord } from "./types.ts";

const newKey = (userId: string, modelProvider = "openai"): ProviderKeyRecord => ({
  id: uuidv7(),
  userId,
  provider: "openai",
  modelProvider,
  label: "OpenAI",
  baseUrl: null,
  hint: "…abcd",
  secret: "v1.sealed",
  createdAt: at(),
  lastUsedAt: null,
});

const newUsage = (userId: string, overrides: Partial<UsageRecord> = {}): UsageRecord => ({
  id: uuidv7(),
  userId,
  model: "openai/gpt-4.1-mini",
  inputTokens: 10,
  outputTokens: 5,
  costUsd: 0.25,
  estimated: false,
  source: "chat",
  messageId: null,
  createdAt: at(),
  ...overrides,
});

/** Keys, tokens, usage, limits, model access and conversation settings: the accounting part of `runStoreContract`. */
export function describeAccountingContract(store: () => Store): void {
  describe("accounting", () => {
    it("keeps one key per user and model provider, lists only the owner's, and deletes only the owner's", async () => {
      const [owner, other] = await Promise.all([
        store().users.createUser(newUser()),
        store().users.createUser(newUser()),
      ]);
      const key = await store().providerKeys.createKey(newKey(owner.id));
      await expect(store().providerKeys.createKey(newKey(owner.id))).rejects.toMatchObject({ code: "conflict" });
      await store().providerKeys.createKey(newKey(other.id));
      expect(await store().providerKeys.listKeysByUserId({ userId: owner.id })).toEqual([key]);
      expect(await store().providerKeys.deleteKey({ id: key.id, userId: other.id })).toBe(false);
      await store().providerKeys.touchKey({ id: key.id, now: at({ ms: 5 }) });
      await store().providerKeys.updateKeySecret({ id: key.id, secret: "v1.rewrapped" });
      expect(await store().providerKeys.listKeysByUserId({ userId: owner.id })).toEqual([
        { ...key, lastUsedAt: at({ ms: 5 }), secret: "v1.rewrapped" },
      ]);
      expect(await store().providerKeys.deleteKey({ id: key.id, userId: owner.id })).toBe(true);
      expect(await store().providerKeys.listKeysByUserId({ userId: owner.id })).toEqual([]);
    });

    it("keeps one secret per user and name, replacing its value, and lists, finds and deletes the owner's only", async () => {
      const [owner, other] = await Promise.all([
        store().users.createUser(newUser()),
        store().users.createUser(newUser()),
      ]);
      const secret = (name: string, userId: string, value: string, ms = 0) => ({
        userId,
        name,
        hint: `…${value.slice(-4)}`,
        secret: `v1.${value}`,
        createdAt: at({ ms }),
        updatedAt: at({ ms }),
      });
      const first = await store().userSecrets.putSecret(secret("TOKEN", owner.id, "one1"));
      await store().userSecrets.putSecret(secret("A_KEY", owner.id, "aaaa"));
      await store().userSecrets.putSecret(secret("TOKEN", other.id, "else"));
      const replaced = await store().userSecrets.putSecret(secret("TOKEN", owner.id, "two2", 9));
      expect(replaced).toEqual({ ...first, hint: "…two2", secret: "v1.two2", updatedAt: at({ ms: 9 }) });
      expect((await store().userSecrets.listSecretsByUserId({ userId: owner.id })).map(({ name }) => name)).toEqual([
        "A_KEY",
        "TOKEN",
      ]);
      expect(await store().userSecrets.findSecrets({ userId: owner.id, names: ["TOKEN", "MISSING"] })).toEqual([
        replaced,
      ]);
      expect(await store().userSecrets.findSecrets({ userId: owner.id, names: [] })).toEqual([]);
      await store().userSecrets.updateSecretEnvelope({ userId: owner.id, name: "TOKEN", secret: "v1.rewrapped" });
      expect((await store().userSecrets.findSecrets({ userId: owner.id, names: ["TOKEN"] }))[0]?.secret).toBe(
        "v1.rewrapped",
      );
      expect(await store().userSecrets.deleteSecret({ userId: other.id, name: "A_KEY" })).toBe(false);
      expect(await store().userSecrets.deleteSecret({ userId: owner.id, name: "A_KEY" })).toBe(true);
      const all = await store().userSecrets.listAllSecrets();
      expect(all.filter(({ userId }) => userId === owner.id || userId === other.id)).toHaveLength(2);
    });

    it("finds a token by its hash, touches and deletes it for its owner only", async () => {
      const owner = await store().users.createUser(newUser());
      const token = await store().apiTokens.createToken({
        id: uuidv7(),
        userId: owner.id,
        name: "ci",
        prefix: "slip_abc",
        tokenHash: uuidv7(),
        createdAt: at(),
        expiresAt: null,
        lastUsedAt: null,
      });
      expect(await store().apiTokens.findTokenByHash({ tokenHash: token.tokenHash })).toEqual(token);
      await store().apiTokens.touchToken({ id: token.id, now: at({ ms: 1 }) });
      expect((await store().apiTokens.listTokensByUserId({ userId: owner.id }))[0]?.lastUsedAt).toBe(at({ ms: 1 }));
      expect(await store().apiTokens.deleteToken({ id: token.id, userId: uuidv7() })).toBe(false);
      expect(await store().apiTokens.deleteToken({ id: token.id, userId: owner.id })).toBe(true);
      expect(await store().apiTokens.findTokenByHash({ tokenHash: token.tokenHash })).toBeUndefined();
    });

    it("sums usage by model and by UTC day within [from, to), per user or for everyone", async () => {
      const [user, other] = await Promise.all([
        store().users.createUser(newUser()),
        store().users.createUser(newUser()),
      ]);
      const day1 = "2031-02-03T10:00:00.000Z";
      const day2 = "2031-02-04T23:59:59.000Z";
      await store().usage.recordUsage(newUsage(user.id, { createdAt: day1 }));
      await store().usage.recordUsage(newUsage(user.id, { createdAt: day2, model: "local/llama3.2", costUsd: null }));
      await store().usage.recordUsage(newUsage(user.id, { createdAt: day2, inputTokens: 1, outputTokens: 1 }));
      await store().usage.recordUsage(newUsage(other.id, { createdAt: day1 }));
      await store().usage.recordUsage(newUsage(user.id, { createdAt: "2031-02-05T00:00:00.000Z" }));
      const range = { from: "2031-02-03T00:00:00.000Z", to: "2031-02-05T00:00:00.000Z" };
      const mine = await store().usage.summarizeUsage({ userId: user.id, ...range });
      expect(mine.totals).toEqual({ generations: 3, inputTokens: 21, outputTokens: 11, costUsd: 0.5 });
      expect(mine.byModel).toEqual([
        { model: "local/llama3.2", generations: 1, inputTokens: 10, outputTokens: 5, costUsd: null },
        { model: "openai/gpt-4.1-mini", generations: 2, inputTokens: 11, outputTokens: 6, costUsd: 0.5 },
      ]);
      expect(mine.byDay.map(({ day, generations }) => [day, generations])).toEqual([
        ["2031-02-03", 1],
        ["2031-02-04", 2],
      ]);
      const everyone = await store().usage.summarizeUsage(range);
      expect(everyone.totals.generations).toBeGreaterThanOrEqual(4);
      const byUser = await store().usage.totalsByUser(range);
      expect(byUser.get(other.id)).toEqual({ generations: 1, inputTokens: 10, outputTokens: 5, costUsd: 0.25 });
    });

    it("keeps model access and limit overrides, replacing them on a second write", async () => {
      const modelId = `test/${uuidv7()}`;
      await store().modelAccess.setModelAccess({ modelId, enabled: false, roles: null, updatedAt: at() });
      await store().modelAccess.setModelAccess({ modelId, enabled: true, roles: ["admin"], updatedAt: at({ ms: 1 }) });
      expect((await store().modelAccess.listModelAccess()).find((access) => access.modelId === modelId)).toEqual({
        modelId,
        enabled: true,
        roles: ["admin"],
        updatedAt: at({ ms: 1 }),
      });
      const user = await store().users.createUser(newUser());
      expect(await store().userLimits.findLimitOverrides({ userId: user.id })).toEqual({});
      await store().userLimits.setLimitOverrides({ userId: user.id, overrides: { requestsPerMinute: 5 }, now: at() });
      await store().userLimits.setLimitOverrides({ userId: user.id, overrides: { tokensPerDay: 9 }, now: at() });
      expect(await store().userLimits.findLimitOverrides({ userId: user.id })).toEqual({ tokensPerDay: 9 });
      expect((await store().userLimits.listLimitOverrides()).get(user.id)).toEqual({ tokensPerDay: 9 });
    });

    it("keeps conversation settings and message usage as JSON", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const updated = await store().conversations.updateConversation({
        id: conversation.id,
        patch: { systemPrompt: "Be brief.", params: { temperature: 0.2, maxOutputTokens: 64 }, tools: ["run_code"] },
      });
      expect(updated).toMatchObject({ systemPrompt: "Be brief.", params: { temperature: 0.2, maxOutputTokens: 64 } });
      expect(await store().conversations.findConversationById({ id: conversation.id })).toEqual(updated);
      const message = await store().messages.createMessage(newMessage({ conversationId: conversation.id }));
      const usage = { inputTokens: 3, outputTokens: 4, costUsd: null, estimated: true };
      expect((await store().messages.updateMessage({ id: message.id, patch: { usage } }))?.usage).toEqual(usage);
      expect((await store().messages.findMessageById({ id: message.id }))?.usage).toEqual(usage);
    });
  });
}
