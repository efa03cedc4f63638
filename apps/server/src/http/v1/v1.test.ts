import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { streamText } from "ai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_MODEL, signedInClient, startServerWithFakeProvider } from "../../../test/support.ts";

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let secret: string;
let admin: Awaited<ReturnType<typeof signedInClient>>;

/** A personal API token of a fresh account, made through the API as a user would. */
async function tokenFor(client: Awaited<ReturnType<typeof signedInClient>>["client"]) {
  const response = await client.transport.raw("/api/tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "sdk" }),
  });
  return ((await response.json()) as { secret: string }).secret;
}

const openai = (apiKey = secret) => new OpenAI({ baseURL: `${env.server.url}/v1`, apiKey, maxRetries: 0 });

beforeAll(async () => {
  env = await startServerWithFakeProvider();
  admin = await signedInClient(env.server.url, "admin");
  secret = await tokenFor(admin.client);
});
afterAll(() => env.stop());
beforeEach(() => {
  env.fake.requests.length = 0;
});

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "The weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

describe("the official openai SDK against /v1", () => {
  it("lists Slipstream's models", async () => {
    const ids = [];
    for await (const model of openai().models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining([FAKE_MODEL, "demo/echo"]));
    expect(ids).not.toContain("demo/image");
  });

  it("answers a completion whole, with usage, through the provider, the system prompt first", async () => {
    const completion = await openai().chat.completions.create({
      model: FAKE_MODEL,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hello there" },
      ],
      max_tokens: 50,
      temperature: 0.3,
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe(FAKE_MODEL);
    expect(completion.choices[0]?.message.content).toBe("Echo: hello there");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
    const sent = env.fake.requests.find((request) => request.method === "POST");
    expect(sent?.messages).toEqual([
      { role: "system", text: "Be brief." },
      { role: "user", text: "hello there" },
    ]);
    expect(sent?.body).toMatchObject({ max_tokens: 50, temperature: 0.3 });
  });

  it("streams a completion, ending with the usage chunk when asked for it", async () => {
    const stream = await openai().chat.completions.create({
      model: FAKE_MODEL,
      messages: [{ role: "user", content: "stream me" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("Echo: stream me");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 4 } });
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
  });

  it("passes tools through and hands the model's tool call back, streamed and whole", async () => {
    const messages = [{ role: "user" as const, content: '[[tool:get_weather:{"city":"Paris"}]] weather?' }];
    const whole = await openai().chat.completions.create({ model: FAKE_MODEL, messages, tools: [weatherTool] });
    expect(whole.choices[0]?.finish_reason).toBe("tool_calls");
    expect(whole.choices[0]?.message.tool_calls).toEqual([
      { id: expect.any(String), type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
    ]);
    const sent = env.fake.requests.find((request) => request.method === "POST")?.body as { tools: unknown[] };
    expect(sent.tools).toEqual([
      expect.objectContaining({ type: "function", function: expect.objectContaining({ name: "get_weather" }) }),
    ]);

    const stream = await openai().chat.completions.create({
      model: FAKE_MODEL,
      messages,
      tools: [weatherTool],
      stream: true,
    });
    let name = "";
    let args = "";
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      name += call?.function?.name ?? "";
      args += call?.function?.arguments ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect({ name, args: JSON.parse(args), finish }).toEqual({
      name: "get_weather",
      args: { city: "Paris" },
      finish: "tool_calls",
    });

    const followUp = await openai().chat.completions.create({
      model: FAKE_MODEL,
      tools: [weatherTool],
      messages: [
        { role: "user", content: "weather?" },
        { role: "assistant", content: null, tool_calls: whole.choices[0]?.message.tool_calls ?? [] },
        { role: "tool", tool_call_id: whole.choices[0]?.message.tool_calls?.[0]?.id ?? "", content: "sunny" },
        { role: "user", content: "thanks" },
      ],
    });
    expect(followUp.choices[0]?.message.content).toBe("Echo: thanks");
  });

  it("refuses a bad token with OpenAI's 401 shape", async () => {
    const failure = await openai("slip_not-a-token")
      .models.list()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(failure).toMatchObject({ status: 401, code: "invalid_api_key", type: "invalid_request_error" });
    const raw = await fetch(`${env.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer nope" },
    });
    expect(await raw.json()).toEqual({
      error: { message: expect.any(String), type: "invalid_request_error", param: null, code: "invalid_api_key" },
    });
  });

  it("answers an unknown model with 404 model_not_found", async () => {
    const failure = await openai()
      .chat.completions.create({ model: "nope/nothing", messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
    expect(failure).toMatchObject({ status: 404, code: "model_not_found" });
  });

  it("answers 429 rate_limited with Retry-After once the user's requests per minute are spent", async () => {
    const user = await signedInClient(env.server.url, "limited");
    const patch = await admin.client.transport.raw(`/api/admin/users/${user.user.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limits: { requestsPerMinute: 2 } }),
    });
    expect(patch.status).toBe(200);
    const client = openai(await tokenFor(user.client));
    const ask = () =>
      client.chat.completions.create({ model: "demo/echo", messages: [{ role: "user", content: "hi" }] });
    await ask();
    await ask();
    const failure = await ask().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect(failure).toMatchObject({ status: 429, code: "rate_limited", type: "rate_limit_error" });
    const retryAfter = Number((failure as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("meters its calls like chat, as source api", async () => {
    const user = await signedInClient(env.server.url, "metered");
    await openai(await tokenFor(user.client)).chat.completions.create({
      model: FAKE_MODEL,
      messages: [{ role: "user", content: "count me" }],
    });
    const response = await user.client.transport.raw("/api/usage");
    const { usage } = (await response.json()) as { usage: { totals: object; byModel: object[] } };
    expect(usage.totals).toEqual({ generations: 1, inputTokens: 2, outputTokens: 4, costUsd: null });
    expect(usage.byModel).toEqual([
      { model: FAKE_MODEL, generations: 1, inputTokens: 2, outputTokens: 4, costUsd: null },
    ]);
  });
});

describe("the AI SDK's OpenAI-compatible provider against /v1", () => {
  it("streams text and usage", async () => {
    const slipstream = createOpenAICompatible({
      name: "slipstream",
      baseURL: `${env.server.url}/v1`,
      apiKey: secret,
      includeUsage: true,
    });
    const result = streamText({ model: slipstream.chatModel(FAKE_MODEL), prompt: "via the ai sdk", maxRetries: 0 });
    expect(await result.text).toBe("Echo: via the ai sdk");
    expect(await result.usage).toMatchObject({ inputTokens: 4, outputTokens: 5 });
  });
});
