import type { Message, MessagePart, StreamEvent } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import {
  collect,
  eventually,
  removeDir,
  signedInClient,
  startServer,
  type TestServer,
  textOf,
} from "../../test/support.ts";
import type { ToolDescriptor, ToolProvider } from "../tools/types.ts";

let server: TestServer;
let fake: FakeProvider;
const MAX_TOOL_STEPS = 3;
const SANDBOX_TIMEOUT_MS = 3_000;

/** Test tools: `shout` upper-cases, `broken` throws, `wait` runs until its signal aborts (and says it saw that). */
const aborted: string[] = [];
const descriptor = (name: string): ToolDescriptor => ({
  id: `test:${name}`,
  name,
  description: `The ${name} tool`,
  source: "builtin",
  inputSchema: { type: "object", properties: { text: { type: "string" } } },
});
const testTools: ToolProvider = {
  source: "builtin",
  list: async () => ["shout", "broken", "wait"].map(descriptor),
  async execute({ tool, input, context }) {
    const { text } = input as { text?: string };
    if (tool.name === "broken") throw new Error("the tool broke");
    if (tool.name === "wait") {
      await new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));
      aborted.push(context.toolCallId);
      return "stopped";
    }
    return { shouted: String(text).toUpperCase() };
  },
  status: () => ({ state: "ready", error: null }),
};

beforeAll(async () => {
  fake = await startFakeProvider();
  server = await startServer({
    OPENAI_API_KEY: "sk-openai-test",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_API_KEY: "sk-ant-test",
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
    GOOGLE_GENERATIVE_AI_API_KEY: "google-test",
    GOOGLE_GENERATIVE_AI_BASE_URL: `${fake.url}/v1beta`,
    MAX_TOOL_STEPS: String(MAX_TOOL_STEPS),
    SANDBOX_TIMEOUT_MS: String(SANDBOX_TIMEOUT_MS),
    SANDBOX_LANGUAGES: "javascript,python",
  });
  server.app.tools.register(testTools);
});
afterAll(async () => {
  await server.stop();
  await fake.close();
  await removeDir(server.dataDir);
});

const DIALECTS = [
  { model: "openai/gpt-4.1-mini", path: "/chat/completions", streamsArguments: true },
  { model: "anthropic/claude-haiku-5-5", path: "/messages", streamsArguments: true },
  // Gemini's API sends a function call whole: there are no argument deltas to stream.
  { model: "google/gemini-3.5-flash", path: ":streamGenerateContent", streamsArguments: false },
] as const;

async function startTurn(model: string, content: string, tools: string[]) {
  const { client } = await signedInClient(server.url);
  const conversation = await client.conversations.create({ model, tools });
  const sent = await client.messages.send(conversation.id, { content });
  return { client, conversation, sent };
}

async function savedReply(client: Awaited<ReturnType<typeof startTurn>>["client"], conversationId: string) {
  return eventually(async () => {
    const last = (await client.messages.list(conversationId)).at(-1) as Message;
    expect(last.status).not.toBe("streaming");
    return last;
  });
}

const types = (events: StreamEvent[]) => events.map(({ part }) => part.type);
const toolParts = (parts: MessagePart[]) => parts.filter((part) => part.type.startsWith("tool-"));
const requestsWith = (text: string) => fake.requests.filter((request) => JSON.stringify(request.body).includes(text));

describe("tool calls end to end, through the server to each provider's wire format", () => {
  for (const { model, path, streamsArguments } of DIALECTS) {
    it(`${model}: streams the call and its result to every follower, saves them, and the model answers from the result`, async () => {
      const marker = `shout-${model}`;
      const { client, conversation, sent } = await startTurn(
        model,
        `[[tool:shout:{"text":"quiet ${marker}"}]] please`,
        ["test:shout"],
      );
      const [events, again] = await Promise.all([
        collect(client.streams.read(sent.streamId)),
        collect(client.streams.read(sent.streamId)),
      ]);
      expect(again).toEqual(events);
      const seen = types(events);
      for (const type of ["tool-input-start", "tool-input-available", "tool-output-available", "finish-step"]) {
        expect(seen).toContain(type);
      }
      expect(seen.filter((type) => type === "start-step")).toHaveLength(2);
      const deltas = seen.filter((type) => type === "tool-input-delta").length;
      if (streamsArguments) expect(deltas).toBeGreaterThan(1);
      else expect(deltas).toBe(1);
      const output = events.find(({ part }) => part.type === "tool-output-available")?.part;
      expect(output).toMatchObject({ output: { shouted: `QUIET ${marker.toUpperCase()}` } });
      const answer = `Tool shout said: {"shouted":"QUIET ${marker.toUpperCase()}"}`;
      expect(textOf(events)).toBe(answer);

      const reply = await savedReply(client, conversation.id);
      expect(reply).toMatchObject({ status: "complete", content: answer });
      // Anthropic's message metadata comes as `custom` parts, kept but never sent back.
      const shown = reply.parts.map((part) => part.type).filter((type) => type !== "custom");
      expect(shown).toEqual(["step-start", "tool-shout", "step-start", "text"]);
      expect(toolParts(reply.parts)).toEqual([
        expect.objectContaining({
          state: "output-available",
          input: { text: `quiet ${marker}` },
          output: { shouted: `QUIET ${marker.toUpperCase()}` },
        }),
      ]);
      const calls = requestsWith(marker).filter((request) => request.path.includes(path));
      expect(calls).toHaveLength(2);
      expect(calls[1]?.messages.at(-1)).toEqual({ role: "tool", text: `{"shouted":"QUIET ${marker.toUpperCase()}"}` });

      // The next turn sends the earlier call and its result back, in the provider's own format, and is accepted.
      const next = await client.messages.send(conversation.id, { content: `thanks ${marker}` });
      expect(textOf(await collect(client.streams.read(next.streamId)))).toBe(`Echo: thanks ${marker}`);
      const followUp = requestsWith(`thanks ${marker}`).at(-1);
      expect(followUp?.messages.map((message) => message.role)).toEqual([
        "user",
        "assistant",
        "tool",
        "assistant",
        "user",
      ]);
      expect(followUp?.messages[2]?.text).toContain(`QUIET ${marker.toUpperCase()}`);
      if (model.startsWith("google/")) {
        // Gemini 3 refuses a replayed call without the signature it was made with: the saved parts keep it.
        expect(JSON.stringify(followUp?.body)).toContain('"thoughtSignature":"signature-of-');
      }
    });
  }

  it("runs run_code in the sandbox, and the model answers from what it printed and returned", async () => {
    const code = "console.log('computing'); [1, 2, 3].reduce((sum, n) => sum + n * n, 0)";
    const { client, conversation, sent } = await startTurn(
      "openai/gpt-4.1-mini",
      `[[tool:run_code:${JSON.stringify({ code })}]] sum of squares`,
      ["run_code"],
    );
    const events = await collect(client.streams.read(sent.streamId));
    expect(textOf(events)).toBe('Tool run_code said: {"result":"14","output":"computing\\n"}');
    const reply = await savedReply(client, conversation.id);
    expect(toolParts(reply.parts)).toEqual([
      expect.objectContaining({
        type: "tool-run_code",
        input: { code },
        output: { result: "14", output: "computing\n" },
      }),
    ]);
  });

  it("runs Python too, when SANDBOX_LANGUAGES names it", { timeout: 180_000 }, async () => {
    const code = "print('squaring'); sum(n * n for n in range(1, 4))";
    const { client, sent } = await startTurn(
      "openai/gpt-4.1-mini",
      `[[tool:run_code:${JSON.stringify({ code, language: "python" })}]] in python`,
      ["run_code"],
    );
    const events = await collect(client.streams.read(sent.streamId));
    expect(textOf(events)).toBe('Tool run_code said: {"result":"14","output":"squaring\\n"}');
  });

  it("streams a tool's failure as tool-output-error, and the model reads the error", async () => {
    const { client, conversation, sent } = await startTurn(
      "anthropic/claude-haiku-5-5",
      '[[tool:broken:{"text":"x"}]] try it',
      ["test:broken"],
    );
    const events = await collect(client.streams.read(sent.streamId));
    expect(events.find(({ part }) => part.type === "tool-output-error")?.part).toMatchObject({
      errorText: "Error: the tool broke",
    });
    expect(textOf(events)).toBe("Tool broken said: Error: the tool broke");
    const reply = await savedReply(client, conversation.id);
    expect(reply.status).toBe("complete");
    expect(toolParts(reply.parts)).toEqual([
      expect.objectContaining({ state: "output-error", errorText: "Error: the tool broke" }),
    ]);
  });

  it(`stops after MAX_TOOL_STEPS (${MAX_TOOL_STEPS}) model calls, however many more the model would make`, async () => {
    const call = (n: number) => `[[tool:shout:{"text":"round ${n}"}]]`;
    const marker = "bounded-loop";
    const { client, conversation, sent } = await startTurn(
      "openai/gpt-4.1-mini",
      `${[1, 2, 3, 4, 5].map(call).join("")} ${marker}`,
      ["test:shout"],
    );
    await collect(client.streams.read(sent.streamId));
    const reply = await savedReply(client, conversation.id);
    expect(reply.status).toBe("complete");
    expect(toolParts(reply.parts).map((part) => part.input)).toEqual([
      { text: "round 1" },
      { text: "round 2" },
      { text: "round 3" },
    ]);
    expect(requestsWith(marker)).toHaveLength(MAX_TOOL_STEPS);
  });

  it("offers the model only the conversation's enabled tools", async () => {
    const { client, conversation, sent } = await startTurn(
      "openai/gpt-4.1-mini",
      '[[tool:shout:{"text":"x"}]] off',
      [],
    );
    expect(textOf(await collect(client.streams.read(sent.streamId)))).toBe("No tool named shout.");
    expect(requestsWith("off").at(-1)?.body).not.toHaveProperty("tools");
    await client.conversations.update(conversation.id, { tools: ["test:shout"] });
    const next = await client.messages.send(conversation.id, { content: '[[tool:shout:{"text":"on"}]] on now' });
    expect(textOf(await collect(client.streams.read(next.streamId)))).toBe('Tool shout said: {"shouted":"ON"}');
  });

  it("stops a running tool when the reply is cancelled", async () => {
    const { client, conversation, sent } = await startTurn(
      "openai/gpt-4.1-mini",
      '[[tool:wait:{"text":"forever"}]] wait',
      ["test:wait"],
    );
    const events: StreamEvent[] = [];
    for await (const event of client.streams.read(sent.streamId)) {
      events.push(event);
      if (event.part.type === "tool-input-available") await client.streams.cancel(sent.streamId);
    }
    const callId = events.find(({ part }) => part.type === "tool-input-available")?.part.toolCallId;
    await eventually(() => expect(aborted).toContain(callId));
    expect((await savedReply(client, conversation.id)).status).toBe("cancelled");
  });

  it("answers /healthz while a run_code guest loops", async () => {
    const { client, sent } = await startTurn(
      "openai/gpt-4.1-mini",
      `[[tool:run_code:${JSON.stringify({ code: "for (;;) {}" })}]] loop`,
      ["run_code"],
    );
    let outputArrived = false;
    let healthy: number | undefined;
    for await (const { part } of client.streams.read(sent.streamId)) {
      if (part.type === "tool-input-available") {
        healthy = (await fetch(new URL("/healthz", server.url))).status;
        expect(outputArrived).toBe(false);
      }
      if (part.type === "tool-output-available") {
        outputArrived = true;
        expect(part.output).toMatchObject({ error: `Timed out after ${SANDBOX_TIMEOUT_MS} ms.` });
      }
    }
    expect(healthy).toBe(200);
    expect(outputArrived).toBe(true);
  });
});
