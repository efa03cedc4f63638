import { setTimeout as sleep } from "node:timers/promises";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createXai } from "@ai-sdk/xai";
import { APICallError, generateImage, generateText, isStepCount, jsonSchema, streamText, tool } from "ai";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_IMAGE_SIZE } from "./images.ts";
import { type FakeProvider, startFakeProvider } from "./index.ts";
import { readStream } from "./read-stream.ts";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const chat = (content: string, extra: object = {}) => ({
  model: "gpt-test",
  stream: true,
  messages: [{ role: "user", content }],
  ...extra,
});

describe("fake provider wire formats", () => {
  it("streams OpenAI chat completion chunks: role first, deltas, finish, usage when asked, then [DONE]", async () => {
    const response = await post(
      "/v1/chat/completions",
      chat("[[reply:hi there]]", { stream_options: { include_usage: true } }),
    );
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = (await response.text()).split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, "")));
    expect(chunks[0].choices[0].delta).toMatchObject({ role: "assistant", content: "" });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("hi there");
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 2 } });
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
  });

  it("sends no usage chunk unless stream_options.include_usage is set", async () => {
    const text = await (await post("/chat/completions", chat("x"))).text();
    expect(text).not.toContain('"usage":{');
  });

  it("lists models at /v1/models and /models, and answers unknown routes 404", async () => {
    for (const path of ["/v1/models", "/models"]) {
      const body = await (await fetch(`${fake.url}${path}`)).json();
      expect(body).toEqual({
        object: "list",
        data: [
          { id: "llama3.2", object: "model", created: 1_700_000_000, owned_by: "fake" },
          { id: "qwen2.5-coder", object: "model", created: 1_700_000_000, owned_by: "fake" },
        ],
      });
    }
    expect((await fetch(`${fake.url}/v2/other`)).status).toBe(404);
  });

  it("answers [[status:n]] with the provider's error body, and retry-after on 429", async () => {
    const openai = await post("/v1/chat/completions", chat("[[status:429]]"));
    expect(openai.status).toBe(429);
    expect(openai.headers.get("retry-after")).toBe("1");
    expect(await openai.json()).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
    const anthropic = await post("/v1/messages", {
      model: "c",
      messages: [{ role: "user", content: "[[status:401]]" }],
    });
    expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const gemini = await post("/v1beta/models/g:streamGenerateContent?alt=sse", {
      contents: [{ role: "user", parts: [{ text: "[[status:500]]" }] }],
    });
    expect(await gemini.json()).toMatchObject({ error: { code: 500, status: "INTERNAL" } });
  });

  it("records each request's path, headers, body and normalised history", async () => {
    await post(
      "/v1/messages",
      { model: "c", system: "sys", messages: [{ role: "user", content: [{ type: "text", text: "yo" }] }] },
      {
        "x-api-key": "k1",
      },
    );
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/messages",
      headers: { "x-api-key": "k1" },
      body: { model: "c" },
      messages: [
        { role: "system", text: "sys" },
        { role: "user", text: "yo" },
      ],
    });
  });

  it("waits [[slow:ms]] before each delta", async () => {
    const started = Date.now();
    await (await post("/v1/chat/completions", chat("[[slow:40]][[reply:abc]][[chunks:3]]"))).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("keeps a [[stall]] response open after the opening frames", async () => {
    const response = await post("/v1/chat/completions", chat("[[stall]]"));
    const reader = response.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toContain('"role":"assistant"');
    expect(await Promise.race([reader?.read(), sleep(100, "still open")])).toBe("still open");
    await reader?.cancel();
  });
});

describe("fake provider pauses", () => {
  it("holds a [[pause:n]] reply after n deltas until resume()", async () => {
    const response = await post("/v1/chat/completions", chat("[[pause:1]][[reply:abcd]][[chunks:2]]"));
    const body = response.text();
    await expect.poll(() => fake.paused).toBe(1);
    fake.resume();
    const text = await body;
    expect(fake.paused).toBe(0);
    expect(text).toContain('"content":"ab"');
    expect(text).toContain('"content":"cd"');
    expect(text).toContain("[DONE]");
  });
});

describe("fake provider through the AI SDK without streaming", () => {
  it.each([
    ["openai", () => createOpenAI({ apiKey: "k", baseURL: `${fake.url}/v1` }).chat("gpt-4.1-mini")],
    ["anthropic", () => createAnthropic({ apiKey: "k", baseURL: `${fake.url}/v1` }).languageModel("claude-sonnet-4-5")],
    [
      "google",
      () => createGoogleGenerativeAI({ apiKey: "k", baseURL: `${fake.url}/v1beta` }).languageModel("gemini-2.5-flash"),
    ],
    ["xai", () => createXai({ apiKey: "k", baseURL: `${fake.url}/v1` }).languageModel("grok-4.3")],
  ])("%s: generateText gets the whole reply", async (_name, model) => {
    const result = await generateText({ model: model(), prompt: "title please", maxRetries: 0 });
    expect(result.text).toBe("Echo: title please");
    expect(result.finishReason).toBe("stop");
  });
});

describe("fake provider tool calls through the AI SDK", () => {
  const MODELS = [
    ["openai", () => createOpenAI({ apiKey: "k", baseURL: `${fake.url}/v1` }).chat("gpt-4.1-mini")],
    ["anthropic", () => createAnthropic({ apiKey: "k", baseURL: `${fake.url}/v1` }).languageModel("claude-sonnet-4-5")],
    [
      "google",
      () => createGoogleGenerativeAI({ apiKey: "k", baseURL: `${fake.url}/v1beta` }).languageModel("gemini-2.5-flash"),
    ],
  ] as const;
  const calls: unknown[] = [];
  const tools = {
    add: tool({
      description: "Adds two numbers",
      inputSchema: jsonSchema<{ a: number; b: number }>({
        type: "object",
        properties: { a: { type: "number" }, b: { type: "number" } },
      }),
      execute: async ({ a, b }) => {
        calls.push({ a, b });
        return { sum: a + b };
      },
    }),
  };
  const prompt = '[[tool:add:{"a":2,"b":40}]] add them';

  it.each(MODELS)(
    "%s: generateText calls the tool from a whole response, then answers from its result",
    async (_name, model) => {
      calls.length = 0;
      const result = await generateText({ model: model(), prompt, tools, stopWhen: isStepCount(3), maxRetries: 0 });
      expect(calls).toEqual([{ a: 2, b: 40 }]);
      expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
      expect(result.text).toBe('Tool add said: {"sum":42}');
      expect(fake.requests.at(-1)?.messages.at(-1)).toEqual({ role: "tool", text: '{"sum":42}' });
    },
  );

  it.each(MODELS)(
    "%s: streamText gets the call's arguments in deltas where the dialect streams them",
    async (name, model) => {
      const { parts, text } = await readStream(
        streamText({ model: model(), prompt, tools, stopWhen: isStepCount(3), maxRetries: 0 }).stream,
      );
      const deltas = parts.filter((part) => part.type === "tool-input-delta").map((part) => part.delta);
      expect(deltas.join("")).toBe('{"a":2,"b":40}');
      expect(deltas.length).toBe(name === "google" ? 1 : 4);
      expect(text).toBe('Tool add said: {"sum":42}');
    },
  );

  it("answers `No tool named …` when the request does not declare the tool", async () => {
    const model = createOpenAI({ apiKey: "k", baseURL: `${fake.url}/v1` }).chat("gpt-4.1-mini");
    expect((await generateText({ model, prompt, maxRetries: 0 })).text).toBe("No tool named add.");
  });
});

describe("fake provider images API", () => {
  const openai = () => createOpenAI({ apiKey: "k", baseURL: `${fake.url}/v1` });

  it("makes a PNG per asked image through @ai-sdk/openai, from b64_json, with the usage reported", async () => {
    const result = await generateImage({ model: openai().image("gpt-image-1"), prompt: "a red fox", n: 2 });
    expect(result.images).toHaveLength(2);
    expect(result.image.mediaType).toBe("image/png");
    const { format, width } = await sharp(result.image.uint8Array).metadata();
    expect({ format, width }).toEqual({ format: "png", width: FAKE_IMAGE_SIZE });
    expect(result.usage).toMatchObject({ inputTokens: 3, outputTokens: 272 });
    const request = fake.requests.at(-1);
    expect(request?.path).toBe("/v1/images/generations");
    expect(request?.body).toMatchObject({ model: "gpt-image-1", prompt: "a red fox", n: 2 });
  });

  it("draws the same prompt alike and another prompt otherwise", async () => {
    const draw = async (prompt: string) =>
      Buffer.from((await generateImage({ model: openai().image("dall-e-3"), prompt })).image.uint8Array);
    expect((await draw("a fox")).equals(await draw("a fox"))).toBe(true);
    expect((await draw("a fox")).equals(await draw("an owl"))).toBe(false);
  });

  it("answers an OpenAI-compatible client's image model the same way", async () => {
    const compatible = createOpenAICompatible({ name: "local", baseURL: `${fake.url}/v1` });
    const result = await generateImage({ model: compatible.imageModel("flux.1-schnell"), prompt: "a boat" });
    expect(result.image.mediaType).toBe("image/png");
  });

  it("answers [[status:n]] with OpenAI's error body, which the client reports with its message", async () => {
    const failing = generateImage({ model: openai().image("gpt-image-1"), prompt: "[[status:400]] x", maxRetries: 0 });
    const error = await failing.catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(400);
  });
});
