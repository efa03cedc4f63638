import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { anthropic } from "./anthropic.ts";
import { gemini } from "./gemini.ts";
import { generateImages } from "./images.ts";
import { openaiChat } from "./openai-chat.ts";
import { responses } from "./responses.ts";
import { answerAfterTools, parseScenario, type Scenario } from "./scenario.ts";
import {
  type ChatMessage,
  type Dialect,
  isObject,
  type JsonObject,
  type RecordedRequest,
  type ReplyContext,
} from "./wire.ts";

export type { ChatMessage, RecordedRequest } from "./wire.ts";

export type FakeProvider = {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Replies held by `[[pause:n]]` right now. */
  readonly paused: number;
  /** Lets every held reply go on. */
  resume(): void;
  close(): Promise<void>;
};

export type FakeProviderOptions = {
  /** The ids listed by `GET …/models`. */
  models?: string[];
  /**
   * When set, only these keys are accepted (as a bearer, `x-api-key` or `x-goog-api-key`); any other gets 401 with
   * a message that quotes part of the refused key, as OpenAI's does.
   */
  apiKeys?: string[];
};

function keyOf(headers: IncomingMessage["headers"]): string {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1];
  return bearer ?? String(headers["x-api-key"] ?? headers["x-goog-api-key"] ?? "");
}

const maskKey = (key: string) => (key.length > 8 ? `${key.slice(0, 3)}***${key.slice(-4)}` : "***");

const DEFAULT_MODELS = ["llama3.2", "qwen2.5-coder"];

/** Routes on the path's end, so any prefix works: `/v1/chat/completions` and `/chat/completions` alike. */
function dialectFor(method: string, path: string): Dialect | undefined {
  if (method !== "POST") return undefined;
  if (path.endsWith("/chat/completions")) return openaiChat;
  if (path.endsWith("/messages")) return anthropic;
  if (path.endsWith("/responses")) return responses;
  if (/\/models\/[^/]+:(stream)?[gG]enerateContent$/.test(path)) return gemini;
  return undefined;
}

/**
 * Starts a fake LLM provider on 127.0.0.1 (free port) speaking the OpenAI chat completions, Anthropic
 * messages, Gemini and xAI Responses wire formats, streaming and not, and OpenAI's images API. See `scenario.ts` for the
 * directives that choose its behaviour.
 * @example const fake = await startFakeProvider(); createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: "k" });
 */
export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const models = options.models ?? DEFAULT_MODELS;
  const held = new Set<() => void>();
  const hold = () => new Promise<void>((resolve) => held.add(resolve));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const { pathname } = new URL(path, "http://fake");
    const raw = await readBody(req);
    const body: unknown = raw === "" ? undefined : JSON.parse(raw);
    const dialect = dialectFor(method, pathname);
    const json = isObject(body) ? body : {};
    const recorded: RecordedRequest = {
      method,
      path,
      headers: req.headers,
      body,
      messages: dialect?.messages(json) ?? [],
    };
    requests.push(recorded);
    res.on("close", () => {
      if (!res.writableFinished) recorded.abandoned = true;
    });
    if (options.apiKeys && !options.apiKeys.includes(keyOf(req.headers))) {
      return sendJson(res, 401, {
        error: {
          message: `Incorrect API key provided: ${maskKey(keyOf(req.headers))}. You can find your API key in your account.`,
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      });
    }

    if (method === "GET" && (pathname === "/models" || pathname === "/v1/models")) {
      const data = models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" }));
      return sendJson(res, 200, { object: "list", data });
    }
    if (method === "POST" && pathname.endsWith("/images/generations")) {
      const answer = await generateImages(json, openaiChat.errorBody);
      return sendJson(res, answer.status, answer.body);
    }
    if (!dialect) {
      return sendJson(res, 404, { error: { message: `No route for ${method} ${pathname}`, type: "not_found" } });
    }
    await reply({ dialect, body: json, path: pathname, res, hold });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy(error instanceof Error ? error : new Error(String(error)));
      else sendJson(res, 500, { error: { message: `Fake provider failed: ${String(error)}`, type: "fake_error" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get paused() {
      return held.size;
    },
    resume() {
      for (const release of held) release();
      held.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const release of held) release();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * What a `[[tool:…]]` scenario does next: call the next tool, or (every call answered) say what the last result
 * was, or say that the request lacks the tool; nothing for a scenario without tools.
 */
function nextToolStep(dialect: Dialect, body: JsonObject, messages: ChatMessage[], scenario: Scenario) {
  if (scenario.tools.length === 0 || !dialect.tools) return undefined;
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  const results = messages.slice(lastUser + 1).filter((m) => m.role === "tool");
  const next = scenario.tools[results.length];
  if (!next) {
    const last = scenario.tools.at(-1)?.name;
    return { text: `Tool ${last} said: ${results.at(-1)?.text ?? ""}` };
  }
  if (!dialect.tools.declared(body).includes(next.name)) return { text: `No tool named ${next.name}.` };
  return { call: next };
}

async function reply({
  dialect,
  body,
  path,
  res,
  hold,
}: {
  dialect: Dialect;
  body: JsonObject;
  path: string;
  res: ServerResponse;
  hold: () => Promise<void>;
}): Promise<void> {
  const messages = dialect.messages(body);
  const parsed = parseScenario(messages.findLast((m) => m.role === "user")?.text ?? "");
  const toolStep = nextToolStep(dialect, body, messages, parsed);
  if (toolStep?.call && dialect.tools)
    return callTool(dialect, body, path, res, { scenario: parsed, ...toolStep.call });
  const scenario = toolStep?.text === undefined ? parsed : answerAfterTools(parsed, toolStep.text);
  if (scenario.status !== undefined) {
    const headers: Record<string, string> =
      scenario.status === 429 ? { "retry-after": "1", "retry-after-ms": "20" } : {};
    return sendJson(res, scenario.status, dialect.errorBody(scenario.status), headers);
  }
  const ctx = context(dialect, body, path, scenario, messages);
  if (!dialect.isStreaming(body, path)) return sendJson(res, 200, dialect.complete(ctx));

  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  await write(res, dialect.open(ctx));
  if (scenario.stall) return;
  if (dialect.reasoningDelta) {
    for (const delta of scenario.reasoning) await write(res, dialect.reasoningDelta(ctx, delta));
  }
  for (const [index, delta] of scenario.deltas.entries()) {
    if (index === scenario.dropAfter) return void res.destroy();
    if (index === scenario.pauseAfter) await hold();
    if (scenario.slowMs > 0) await sleep(scenario.slowMs);
    if (res.destroyed) return;
    await write(res, dialect.delta(ctx, delta, index === scenario.deltas.length - 1));
  }
  if (scenario.dropAfter !== undefined && scenario.dropAfter >= scenario.deltas.length) return void res.destroy();
  res.end(dialect.close(ctx));
}

function context(
  dialect: Dialect,
  body: JsonObject,
  path: string,
  scenario: Scenario,
  messages: ChatMessage[],
): ReplyContext {
  return {
    id: `fake-${randomUUID()}`,
    model: dialect.model(body, path),
    created: Math.floor(Date.now() / 1000),
    body,
    text: scenario.reply,
    inputTokens: messages.reduce((sum, m) => sum + m.text.split(/\s+/).filter(Boolean).length, 0),
    outputTokens: scenario.deltas.length,
  };
}

/** A reply that calls a tool, its arguments streamed in deltas (each after `[[slow:ms]]`). */
async function callTool(
  dialect: Dialect,
  body: JsonObject,
  path: string,
  res: ServerResponse,
  {
    scenario,
    name,
    args,
    argumentDeltas,
  }: { scenario: Scenario; name: string; args: string; argumentDeltas: string[] },
): Promise<void> {
  const tools = dialect.tools;
  if (!tools) return;
  const ctx = context(dialect, body, path, { ...scenario, reply: "", deltas: argumentDeltas }, dialect.messages(body));
  const call = { id: `call_${randomUUID().replaceAll("-", "").slice(0, 24)}`, name, args };
  if (!dialect.isStreaming(body, path)) return sendJson(res, 200, tools.completeCall(ctx, call));
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  for (const frame of tools.streamCall(ctx, call, argumentDeltas)) {
    if (scenario.slowMs > 0) await sleep(scenario.slowMs);
    if (res.destroyed) return;
    await write(res, frame);
  }
  res.end();
}

function write(res: ServerResponse, data: string): Promise<void> {
  if (data === "") return Promise.resolve();
  return new Promise((resolve, reject) => res.write(data, (error) => (error ? reject(error) : resolve())));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
