import type { Message } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "./fake-provider/index.ts";
import { collect, eventually, removeDir, signedInClient, startServer, type TestServer, textOf } from "./support.ts";

let server: TestServer;
let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
  server = await startServer({
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
    PROVIDER_IDLE_TIMEOUT_MS: "700",
  });
});
afterAll(async () => {
  await server.stop();
  await fake.close();
  await removeDir(server.dataDir);
});

/** Sends one message with a model and waits for the stream to end; returns the events and the persisted reply. */
async function turn(model: string, content: string) {
  const { client } = await signedInClient(server.url);
  const conversation = await client.conversations.create({ model });
  const sent = await client.messages.send(conversation.id, { content });
  const events = await collect(client.streams.read(sent.streamId));
  const reply = await eventually(async () => {
    const last = (await client.messages.list(conversation.id)).at(-1) as Message;
    expect(last.status).not.toBe("streaming");
    return last;
  });
  return { events, reply, client };
}

const PROVIDERS = [
  { model: "openai/gpt-4.1-mini", path: "/v1/chat/completions", auth: ["authorization", "Bearer sk-openai-test"] },
  { model: "anthropic/claude-haiku-5-5", path: "/v1/messages", auth: ["x-api-key", "sk-ant-test"] },
  { model: "google/gemini-3.5-flash", path: ":streamGenerateContent", auth: ["x-goog-api-key", "google-test"] },
  { model: "xai/grok-4.7", path: "/v1/responses", auth: ["authorization", "Bearer xai-test"] },
  { model: "local/llama3.2", path: "/v1/chat/completions", auth: ["authorization", "Bearer local-key"] },
] as const;

describe("every provider through the real AI SDK, over HTTP to a fake provider", () => {
  it("lists the configured providers' models, discovered local ones and the demo model", async () => {
    const { client } = await signedInClient(server.url);
    const ids = (await client.models.list()).map((model) => model.id);
    for (const { model } of PROVIDERS) expect(ids).toContain(model);
    expect(ids).toContain("local/qwen2.5-coder");
    expect(ids.slice(-2)).toEqual(["demo/echo", "demo/image"]);
  });

  for (const { model, path, auth } of PROVIDERS) {
    it(`streams and persists an answer from ${model}`, async () => {
      const content = `hello from a test of ${model}`;
      const { events, reply } = await turn(model, content);
      expect(textOf(events)).toBe(`Echo: ${content}`);
      expect(reply).toMatchObject({ status: "complete", content: `Echo: ${content}`, model });
      const request = fake.requests.findLast((r) => r.path.includes(path) && JSON.stringify(r.body).includes(content));
      expect(request?.headers[auth[0]]).toBe(auth[1]);
    });
  }
});

describe("provider failures end the stream with an error part and an `error` reply", () => {
  const cases = [
    { directive: "[[status:429]]", expected: /429: the provider is rate-limiting/ },
    { directive: "[[status:401]]", expected: /401: the provider rejected the API key/ },
    { directive: "[[status:500]]", expected: /500: the provider had a server error/ },
    { directive: "[[slow:10]][[drop:3]]", expected: /dropped before the answer was complete/ },
    { directive: "[[stall]]", expected: /sent nothing for 1 s/ },
  ];
  for (const model of ["openai/gpt-4.1-mini", "anthropic/claude-haiku-5-5"]) {
    for (const { directive, expected } of cases) {
      it(`${model} ${directive}`, async () => {
        const { events, reply } = await turn(model, `${directive} please fail`);
        const error = events.find((event) => event.part.type === "error");
        expect(String(error?.part.errorText)).toMatch(expected);
        expect(reply.status).toBe("error");
        expect(reply.error).toMatch(expected);
        expect(reply.error).not.toMatch(/sk-|test/);
      });
    }
  }

  it("keeps serving after failures", async () => {
    const { reply } = await turn("openai/gpt-4.1-mini", "still alive?");
    expect(reply).toMatchObject({ status: "complete", content: "Echo: still alive?" });
  });
});
