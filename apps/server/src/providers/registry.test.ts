import { generateImage, streamText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { readStream } from "../../test/fake-provider/read-stream.ts";
import type { ProvidersConfig } from "../config.ts";
import { createModelRegistry } from "./registry.ts";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const allProviders = (): ProvidersConfig => ({
  openai: { apiKey: "sk-openai", baseURL: `${fake.url}/v1` },
  anthropic: { apiKey: "sk-ant", baseURL: `${fake.url}/v1` },
  google: { apiKey: "g-key", baseURL: `${fake.url}/v1beta` },
  xai: { apiKey: "xai-key", baseURL: `${fake.url}/v1` },
  openaiCompatible: { name: "local", baseURL: `${fake.url}/v1`, apiKey: "local-key" },
  idleTimeoutMs: 60_000,
});

const history = [
  { role: "user" as const, content: "Hi there" },
  { role: "assistant" as const, content: "Hello! How can I help?" },
  { role: "user" as const, content: "Tell me a joke" },
];

describe.each([
  { id: "openai/gpt-5.5", path: "/v1/chat/completions", header: "authorization", value: "Bearer sk-openai" },
  { id: "anthropic/claude-sonnet-5-5", path: "/v1/messages", header: "x-api-key", value: "sk-ant" },
  {
    id: "google/gemini-3.5-flash",
    path: "/v1beta/models/gemini-3.5-flash:streamGenerateContent?alt=sse",
    header: "x-goog-api-key",
    value: "g-key",
  },
  { id: "xai/grok-4.7", path: "/v1/responses", header: "authorization", value: "Bearer xai-key" },
  { id: "local/llama3.2", path: "/v1/chat/completions", header: "authorization", value: "Bearer local-key" },
])("$id through streamText", ({ id, path, header, value }) => {
  it("streams the fake reply and sends the key and the whole history", async () => {
    const registry = createModelRegistry({ config: allProviders() });
    const result = streamText({
      model: await registry.getModel(id),
      instructions: "Be brief.",
      messages: history,
      maxRetries: 0,
    });
    const { text, types, thrown } = await readStream(result.stream);

    expect(thrown).toBeUndefined();
    expect(text).toBe("Echo: Tell me a joke");
    expect(types.filter((type) => type === "text-delta").length).toBeGreaterThan(1);
    expect(types.at(-1)).toBe("finish");
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);

    const request = fake.requests.find((r) => r.method === "POST");
    expect(request?.path).toBe(path);
    expect(request?.headers[header]).toBe(value);
    expect(request?.messages).toEqual([
      { role: "system", text: "Be brief." },
      { role: "user", text: "Hi there" },
      { role: "assistant", text: "Hello! How can I help?" },
      { role: "user", text: "Tell me a joke" },
    ]);
  });
});

describe("listModels", () => {
  it("lists the catalogue of each configured provider in order, then discovered local models, then the demo", async () => {
    const models = await createModelRegistry({ config: allProviders() }).listModels();
    expect([...new Set(models.map((m) => m.provider))]).toEqual([
      "openai",
      "anthropic",
      "google",
      "xai",
      "local",
      "demo",
    ]);
    expect(models).toContainEqual({
      id: "openai/gpt-5.5",
      provider: "openai",
      name: "GPT-5.5",
      kind: "chat",
      vision: true,
    });
    expect(models.filter((m) => m.provider === "local")).toEqual([
      { id: "local/llama3.2", provider: "local", name: "llama3.2 (local)", kind: "chat", vision: true },
      { id: "local/qwen2.5-coder", provider: "local", name: "qwen2.5-coder (local)", kind: "chat", vision: true },
    ]);
    expect(models.slice(-2)).toEqual([
      { id: "demo/echo", provider: "demo", name: "Demo (offline echo)", kind: "chat", vision: false },
      { id: "demo/image", provider: "demo", name: "Demo (offline image)", kind: "image", vision: false },
    ]);
    expect(fake.requests.filter((r) => r.path === "/v1/models")[0]?.headers.authorization).toBe("Bearer local-key");
  });

  it("lists only the demo models when nothing is configured", async () => {
    const models = await createModelRegistry({ config: { idleTimeoutMs: 1000 } }).listModels();
    expect(models.map((m) => m.id)).toEqual(["demo/echo", "demo/image"]);
  });

  it("lists no local models, warns without the key and does not throw when discovery fails", async () => {
    const warnings: unknown[] = [];
    const registry = createModelRegistry({
      config: {
        openaiCompatible: { name: "ollama", baseURL: `${fake.url}/broken`, apiKey: "secret-key" },
        idleTimeoutMs: 1000,
      },
      logger: { warn: (obj, msg) => warnings.push({ obj, msg }) },
    });
    expect((await registry.listModels()).map((m) => m.id)).toEqual(["demo/echo", "demo/image"]);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings, (_key, value) => (value instanceof Error ? value.message : value))).not.toContain(
      "secret-key",
    );
    expect(await registry.defaultModelId()).toBe("demo/echo");
    expect(await registry.listProviders()).toEqual([
      { id: "ollama", status: "unreachable", message: "The server's GET /models answered HTTP 404." },
    ]);
  });

  it("says which providers are reachable", async () => {
    const registry = createModelRegistry({
      config: {
        openai: { apiKey: "k" },
        openaiCompatible: { name: "local", baseURL: `${fake.url}/v1` },
        idleTimeoutMs: 1000,
      },
    });
    expect(await registry.listProviders()).toEqual([
      { id: "openai", status: "available", message: null },
      { id: "local", status: "available", message: null },
    ]);
  });
});

describe("getModel", () => {
  it("accepts only the models an OpenAI-compatible server lists, and any name while it lists none", async () => {
    const listing = createModelRegistry({
      config: { openaiCompatible: { name: "local", baseURL: `${fake.url}/v1` }, idleTimeoutMs: 1000 },
    });
    await expect(listing.getModel("local/llama3.2")).resolves.toBeDefined();
    await expect(listing.getModel("local/typo")).rejects.toMatchObject({ code: "model_not_found" });
    const silent = createModelRegistry({
      config: { openaiCompatible: { name: "local", baseURL: `${fake.url}/broken` }, idleTimeoutMs: 1000 },
      logger: { warn: () => undefined },
    });
    await expect(silent.getModel("local/anything")).resolves.toBeDefined();
  });

  it.each(["openai/not-a-model", "anthropic/claude-sonnet-5-5", "demo/other", "nonsense", "local/"])(
    "rejects %s with model_not_found",
    async (id) => {
      const registry = createModelRegistry({
        config: {
          openai: { apiKey: "k" },
          openaiCompatible: { name: "local", baseURL: fake.url },
          idleTimeoutMs: 1000,
        },
      });
      await expect(registry.getModel(id)).rejects.toMatchObject({ code: "model_not_found" });
    },
  );

  it("serves the demo model without any provider", async () => {
    const registry = createModelRegistry({ config: { idleTimeoutMs: 1000 }, demoModel: { chunkDelayMs: 0 } });
    const result = streamText({ model: await registry.getModel("demo/echo"), prompt: "ping" });
    expect(await result.text).toContain("You said: ping");
  });

  it("refuses an OpenAI-compatible name that clashes with another provider", () => {
    const config = {
      openai: { apiKey: "k" },
      openaiCompatible: { name: "openai", baseURL: fake.url },
      idleTimeoutMs: 1,
    };
    expect(() => createModelRegistry({ config })).toThrow(/clashes/);
  });
});

describe("image models", () => {
  it("lists each hosted provider's image models after its chat models, and none for Anthropic", async () => {
    const models = await createModelRegistry({ config: allProviders() }).listModels();
    const images = models.filter((m) => m.kind === "image").map((m) => m.id);
    expect(images).toEqual([
      "openai/gpt-image-1",
      "openai/dall-e-3",
      "google/imagen-4.0-generate-001",
      "xai/grok-imagine-image",
      "demo/image",
    ]);
    const openai = models.filter((m) => m.provider === "openai").map((m) => m.kind);
    expect(openai).toEqual(["chat", "chat", "chat", "image", "image"]);
  });

  it("takes the models an OpenAI-compatible server lists for image models by their names", async () => {
    const imageServer = await startFakeProvider({ models: ["llama3.2", "flux.1-schnell", "stable-diffusion-xl"] });
    try {
      const registry = createModelRegistry({
        config: { openaiCompatible: { name: "local", baseURL: `${imageServer.url}/v1` }, idleTimeoutMs: 1000 },
      });
      const kinds = (await registry.listModels()).map((m) => [m.id, m.kind]);
      expect(kinds).toEqual([
        ["local/llama3.2", "chat"],
        ["local/flux.1-schnell", "image"],
        ["local/stable-diffusion-xl", "image"],
        ["demo/echo", "chat"],
        ["demo/image", "image"],
      ]);
      const resolved = await registry.resolveModel("local/flux.1-schnell");
      expect(resolved.kind).toBe("image");
      if (resolved.kind !== "image") return;
      const { image } = await generateImage({ model: resolved.model, prompt: "a boat", maxRetries: 0 });
      expect(image.mediaType).toBe("image/png");
      expect(imageServer.requests.at(-1)?.path).toBe("/v1/images/generations");
    } finally {
      await imageServer.close();
    }
  });

  it("makes an image with the OpenAI image model through the provider's images API, with its key", async () => {
    const resolved = await createModelRegistry({ config: allProviders() }).resolveModel("openai/gpt-image-1");
    if (resolved.kind !== "image") throw new Error("openai/gpt-image-1 resolved to a chat model");
    await generateImage({ model: resolved.model, prompt: "a kite", maxRetries: 0 });
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/v1/images/generations",
      headers: { authorization: "Bearer sk-openai" },
    });
  });

  it("refuses an image model as a chat model with a reason, and a chat model resolves as chat", async () => {
    const registry = createModelRegistry({ config: allProviders() });
    await expect(registry.getModel("demo/image")).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/demo\/image is an image model/),
    });
    expect((await registry.resolveModel("openai/gpt-5.5")).kind).toBe("chat");
  });
});

describe("defaultModelId", () => {
  const base = { idleTimeoutMs: 1000 };

  it("is DEFAULT_MODEL when set, and that model is usable even if the catalogue lacks it", async () => {
    const registry = createModelRegistry({
      config: { ...base, openai: { apiKey: "k", baseURL: `${fake.url}/v1` }, defaultModel: "openai/gpt-custom" },
    });
    expect(await registry.defaultModelId()).toBe("openai/gpt-custom");
    expect((await registry.listModels())[0]).toEqual({
      id: "openai/gpt-custom",
      provider: "openai",
      name: "gpt-custom",
      kind: "chat",
      vision: true,
    });
    await expect(registry.getModel("openai/gpt-custom")).resolves.toBeDefined();
  });

  it("warns when DEFAULT_MODEL names a provider that is not configured", () => {
    const warnings: string[] = [];
    createModelRegistry({
      config: { ...base, defaultModel: "xai/grok-4.7" },
      logger: { warn: (_obj, msg) => warnings.push(msg) },
    });
    expect(warnings).toEqual([expect.stringContaining("DEFAULT_MODEL")]);
  });

  it.each([
    [{ anthropic: { apiKey: "k" }, xai: { apiKey: "k" } }, "anthropic/claude-sonnet-5-5"],
    [{ xai: { apiKey: "k" }, google: { apiKey: "k" } }, "google/gemini-3.5-flash"],
    [{}, "demo/echo"],
  ])("is the first configured provider's first model (%o)", async (providers, expected) => {
    expect(await createModelRegistry({ config: { ...base, ...providers } }).defaultModelId()).toBe(expected);
  });

  it("is the first discovered model when only the OpenAI-compatible server is configured", async () => {
    const registry = createModelRegistry({
      config: { ...base, openaiCompatible: { name: "lm", baseURL: `${fake.url}/v1` } },
    });
    expect(await registry.defaultModelId()).toBe("lm/llama3.2");
  });
});
