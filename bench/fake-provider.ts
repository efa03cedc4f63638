import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenForBench } from "./process/agent.ts";
import { deltaText, FAKE_MODEL, type ReplyShape, shapeFromPrompt } from "./reply.ts";

/**
 * A fake OpenAI chat-completions provider paced like published gateway benchmarks: a role chunk, then the deltas
 * of the prompt's reply shape `intervalMs` apart (the first at once), then a finish chunk, a usage chunk when
 * asked, and `[DONE]`. An interval of 0 writes the whole reply at once, for throughput. Chunks are built by string
 * concatenation because at a thousand streams this process shares the two cores with everything it measures.
 */
type ChatRequest = {
  model?: string;
  messages?: { role?: string; content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
};

/** A request without `stream` (a conversation's title, asked for once per conversation) is answered at once, whole. */
function completeReply(res: ServerResponse, body: ChatRequest) {
  sendJson(res, 200, {
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? FAKE_MODEL,
    choices: [{ index: 0, message: { role: "assistant", content: "A benchmark conversation" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 8, completion_tokens: 3, total_tokens: 11 },
  });
}

function lastUserText(body: ChatRequest): string {
  const content = body.messages?.findLast((message) => message.role === "user")?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? "").join("") : "";
}

function streamReply(res: ServerResponse, body: ChatRequest, shape: ReplyShape) {
  const created = Math.floor(Date.now() / 1000);
  const head = `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(body.model ?? FAKE_MODEL)},"choices":`;
  const choice = (delta: string, finish: string) =>
    `${head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
  const usage = body.stream_options?.include_usage
    ? `${head}[],"usage":{"prompt_tokens":8,"completion_tokens":${shape.deltas},"total_tokens":${shape.deltas + 8}}}\n\n`
    : "";
  const delta = (index: number) => choice(`{"content":${JSON.stringify(deltaText(index, shape.deltaBytes))}}`, "null");
  const finish = () => res.end(`${choice("{}", '"stop"')}${usage}data: [DONE]\n\n`);

  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  res.write(choice('{"role":"assistant","content":""}', "null"));
  if (shape.intervalMs === 0) {
    for (let index = 0; index < shape.deltas; index += 1) res.write(delta(index));
    return finish();
  }
  // Each delta is due at start + index × interval, so that timer lateness does not accumulate over the reply.
  const start = performance.now();
  let index = 0;
  const tick = () => {
    if (res.destroyed) return;
    res.write(delta(index));
    index += 1;
    if (index === shape.deltas) return finish();
    setTimeout(tick, Math.max(0, start + index * shape.intervalMs - performance.now()));
  };
  tick();
}

async function readJson(req: IncomingMessage): Promise<ChatRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

const server = createServer((req, res) => {
  const path = req.url ?? "/";
  if (req.method === "GET" && path.endsWith("/models")) {
    return sendJson(res, 200, {
      object: "list",
      data: [{ id: FAKE_MODEL, object: "model", created: 0, owned_by: "bench" }],
    });
  }
  if (req.method !== "POST" || !path.endsWith("/chat/completions"))
    return sendJson(res, 404, { error: { message: "no route" } });
  readJson(req).then(
    (body) => {
      if (body.stream !== true) return completeReply(res, body);
      const shape = shapeFromPrompt(lastUserText(body));
      if (!shape) return sendJson(res, 400, { error: { message: "the prompt carries no reply shape" } });
      streamReply(res, body, shape);
    },
    () => sendJson(res, 400, { error: { message: "invalid JSON" } }),
  );
});
server.keepAliveTimeout = 60_000;
listenForBench(server);
