import { createOpenAI } from "@ai-sdk/openai";
import type { StreamPart } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDomain } from "../../test/domain.ts";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { withIdleTimeout } from "../providers/idle-timeout-fetch.ts";
import { createModelRegistry } from "../providers/registry.ts";
import type { ToolProvider } from "../tools/types.ts";

/**
 * The differential test of the lean paths: streams recorded in every provider's wire format
 * (`test/fake-provider/recorded/`) are replayed through the real provider clients, once with replies read at the
 * provider layer (OpenAI-compatible chat streams by `lean-chat-stream.ts`) and once through `streamText` +
 * `toUIMessageStream` with the SDK's own provider code (the general path, the source of truth); the live parts, the
 * saved reply (parts, text, status, error, usage) and the requests the provider got must be the same. Turns with
 * tools run `streamText` on both sides, over the lean chat stream on one.
 */
const OPENAI_RESPONSES = "openai-responses/gpt-5-mini";
const CASES = [
  { model: "openai/gpt-4.1-mini", recorded: "openai-chat-text", status: "complete" },
  { model: "openai/gpt-4.1-mini", recorded: "openai-chat-length", status: "complete" },
  { model: "openai/gpt-4.1-mini", recorded: "openai-chat-error", status: "error" },
  { model: "openai/gpt-4.1-mini", recorded: "openai-chat-drop", status: "error" },
  { model: OPENAI_RESPONSES, recorded: "openai-responses-reasoning", status: "complete" },
  { model: OPENAI_RESPONSES, recorded: "openai-responses-error", status: "error" },
  { model: "anthropic/claude-haiku-5-5", recorded: "anthropic-thinking", status: "complete" },
  { model: "anthropic/claude-haiku-5-5", recorded: "anthropic-overloaded", status: "error" },
  { model: "anthropic/claude-haiku-5-5", recorded: "anthropic-drop", status: "error" },
  { model: "google/gemini-3.5-flash", recorded: "gemini-thinking", status: "complete" },
  { model: "google/gemini-3.5-flash", recorded: "gemini-drop", status: "error" },
  { model: "xai/grok-4.7", recorded: "xai-text", status: "complete" },
  { model: "xai/grok-4.7", recorded: "xai-drop", status: "error" },
  { model: "local/llama3.2", recorded: "openai-compatible-reasoning", status: "complete" },
  { model: "local/llama3.2", recorded: "openai-compatible-drop", status: "error" },
  { model: "local/llama3.2", recorded: "openai-compatible-mixed", status: "complete" },
  { model: "local/llama3.2", recorded: "openai-compatible-error", status: "error" },
  { model: "local/llama3.2", recorded: "openai-compatible-invalid", status: "error" },
] as const;

// The recorded models ignore some of the conversation's parameters and the AI SDK says so on stderr, on both paths.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

let fake: FakeProvider;
type Domain = Awaited<ReturnType<typeof createTestDomain>>;
let lean: Domain;
let general: Domain;

beforeAll(async () => {
  fake = await startFakeProvider();
  const env = {
    OPENAI_API_KEY: "sk-openai-test",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_API_KEY: "sk-ant-test",
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
    GOOGLE_GENERATIVE_AI_API_KEY: "google-test",
    GOOGLE_GENERATIVE_AI_BASE_URL: `${fake.url}/v1beta`,
    XAI_API_KEY: "xai-test",
    XAI_BASE_URL: `${fake.url}/v1`,
    OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
    OPENAI_COMPATIBLE_API_KEY: "local-key",
    MAX_TOOL_STEPS: "2",
  };
  // The configured providers, and OpenAI's Responses API, which the registry does not use for OpenAI itself.
  const models: Parameters<typeof createTestDomain>[0] = {
    env,
    models: (config) => {
      const registry = createModelRegistry({ config: config.providers });
      const responses = createOpenAI({
        baseURL: `${fake.url}/v1`,
        apiKey: "sk-openai-test",
        fetch: withIdleTimeout(fetch, config.providers.idleTimeoutMs),
      }).responses("gpt-5-mini");
      return {
        ...registry,
        getModel: async (id, viewer) => (id === OPENAI_RESPONSES ? responses : registry.getModel(id, viewer)),
        resolveModel: async (id, viewer) =>
          id === OPENAI_RESPONSES ? { kind: "chat", model: responses } : registry.resolveModel(id, viewer),
      };
    },
  };
  [lean, general] = await Promise.all([
    createTestDomain(models),
    createTestDomain({ ...models, generalPathOnly: true }),
  ]);
  for (const domain of [lean, general]) domain.tools.register(shout);
});

/** `shout` upper-cases its text. */
const shout: ToolProvider = {
  source: "builtin",
  list: async () => [
    {
      id: "test:shout",
      name: "shout",
      description: "Upper-cases a text",
      source: "builtin",
      inputSchema: { type: "object", properties: { text: { type: "string" } } },
    },
  ],
  execute: async ({ input }) => ({ shouted: String((input as { text?: unknown }).text).toUpperCase() }),
  status: () => ({ state: "ready", error: null }),
};
afterAll(async () => {
  await Promise.all([lean?.close(), general?.close()]);
  await fake?.close();
});

/** Part ids as the order they first appear in, since some providers' are random: a part under the wrong id still shows. */
function numberIds(parts: StreamPart[]): StreamPart[] {
  const numbers = new Map<unknown, string>();
  return parts.map((part) => {
    if (!("id" in part)) return part;
    if (!numbers.has(part.id)) numbers.set(part.id, `id-${numbers.size}`);
    return { ...part, id: numbers.get(part.id) };
  });
}

/** Random ids (the fake provider's tool calls, the SDK's parts of later steps) as the order they first appear in. */
function numberRandomIds<T>(value: T): T {
  const numbers = new Map<string, string>();
  const text = JSON.stringify(value).replace(/call_[0-9a-f]{24}|aitxt-[A-Za-z0-9]{24}/g, (id) => {
    if (!numbers.has(id)) numbers.set(id, `random-${numbers.size}`);
    return numbers.get(id) as string;
  });
  return JSON.parse(text) as T;
}

/** One reply, and the requests the provider got for it (so replies run one at a time). */
async function replyThrough(domain: Domain, model: string, content: string, tools: string[] = []) {
  const requestsBefore = fake.requests.length;
  const principal = await domain.newPrincipal();
  const conversation = await domain.conversations.createConversation({
    principal,
    model,
    systemPrompt: "Answer briefly.",
    params: { temperature: 0.3, topP: 0.9, maxOutputTokens: 200 },
    tools,
  });
  const { reply, streamId } = await domain.messages.sendMessage({
    principal,
    conversationId: conversation.id,
    content,
  });
  const live: StreamPart[] = [];
  for await (const event of domain.streams.read({ streamId, after: 0 })) live.push(event.part);
  const saved = await domain.store.messages.findMessageById({ id: reply.id });
  const requests = fake.requests
    .slice(requestsBefore)
    .filter((r) => r.messages.some((message) => message.text.includes(content)));
  return numberRandomIds({
    live: numberIds(live.map((part) => (part.type === "start" ? { ...part, messageId: "reply" } : part))),
    saved: saved && {
      status: saved.status,
      content: saved.content,
      error: saved.error,
      parts: saved.parts,
      usage: saved.usage,
    },
    requests: requests.map((request) => ({ path: request.path, body: request.body })),
  });
}

describe("replies read at the provider layer, against the general path", () => {
  for (const { model, recorded, status } of CASES) {
    it(`${recorded} through ${model}: the same live parts, saved reply and provider request`, async () => {
      const content = `[[recorded:${recorded}]] hello`;
      const fast = await replyThrough(lean, model, content);
      const reference = await replyThrough(general, model, content);
      expect(reference.saved?.status).toBe(status);
      // The recording reached the client as an answer, not as a parse error of both paths alike.
      expect(reference.saved?.content).toMatch(/^Hello!/);
      expect(fast.live).toEqual(reference.live);
      expect(fast.saved).toEqual(reference.saved);
      expect(fast.requests).toEqual(reference.requests);
    });
  }

  const TOOL_TURNS = [
    { name: "two calls, one named after its first arguments", content: "[[recorded:openai-compatible-tools]] hello" },
    { name: "a call streamed by the fake provider", content: '[[tool:shout:{"text":"hi"}]] hello' },
  ];
  for (const { name, content } of TOOL_TURNS) {
    it(`a turn with tools over an OpenAI-compatible stream, ${name}: the same parts, reply and requests`, async () => {
      const fast = await replyThrough(lean, "local/llama3.2", content, ["test:shout"]);
      const reference = await replyThrough(general, "local/llama3.2", content, ["test:shout"]);
      // The tools ran and their results went back to the model: the test is of a real tool loop on both sides.
      expect(reference.live.filter((part) => part.type === "tool-output-available").length).toBeGreaterThan(0);
      expect(reference.requests.length).toBe(2);
      expect(JSON.stringify(reference.requests[1]?.body)).toContain("HI");
      expect(fast.live).toEqual(reference.live);
      expect(fast.saved).toEqual(reference.saved);
      expect(fast.requests).toEqual(reference.requests);
    });
  }

  it("stops a cancelled reply the same way: its text kept, an abort part, status cancelled", async () => {
    const [fast, reference] = await Promise.all([cancelMidReply(lean), cancelMidReply(general)]);
    expect(reference.saved).toMatchObject({ status: "cancelled", content: "Echo" });
    expect(reference.live.at(-1)?.type).toBe("abort");
    expect(fast).toEqual(reference);
  });
});

/** A reply held after its first delta and cancelled there. */
async function cancelMidReply(domain: Domain) {
  const principal = await domain.newPrincipal();
  const conversation = await domain.conversations.createConversation({ principal, model: "openai/gpt-4.1-mini" });
  const { reply, streamId } = await domain.messages.sendMessage({
    principal,
    conversationId: conversation.id,
    content: "[[pause:1]] cancel me",
  });
  const live: StreamPart[] = [];
  for await (const event of domain.streams.read({ streamId, after: 0 })) {
    live.push(event.part);
    if (event.part.type === "text-delta") await domain.runner.cancel({ streamId });
  }
  const saved = await domain.store.messages.findMessageById({ id: reply.id });
  return {
    live: numberIds(live.map((part) => (part.type === "start" ? { ...part, messageId: "reply" } : part))),
    saved: saved && { status: saved.status, content: saved.content, error: saved.error, parts: saved.parts },
  };
}
