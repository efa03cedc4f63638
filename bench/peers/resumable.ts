import { createServer } from "node:http";
import { JsonToSseTransformStream, streamText, toUIMessageStream } from "ai";
import { Redis } from "ioredis";
import { createResumableStreamContext } from "resumable-stream/ioredis";
import { listenForBench } from "../process/agent.ts";
import { benchModel } from "./model.ts";
import { type ChatBody, readJson, sendWebResponse } from "./web-response.ts";

/**
 * The resumable path of the Vercel chatbot template: the AI SDK route's UI message stream made resumable with
 * Vercel's `resumable-stream` over Redis. `POST /api/chat/:id` starts (or joins) stream `:id`;
 * `GET /api/chat/:id/stream?skip=<characters>` resumes it, as the template's resume route does.
 */
const model = benchModel();
const publisher = new Redis(process.env.REDIS_URL ?? "");
const subscriber = new Redis(process.env.REDIS_URL ?? "");
const context = createResumableStreamContext({
  waitUntil: null,
  publisher,
  subscriber,
  keyPrefix: `bench-resumable-${process.pid}`,
});
const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" };

async function answer(method: string, path: string, body: () => Promise<ChatBody>) {
  const [, id = "", resume] = /^\/api\/chat\/([^/?]+)(\/stream)?/.exec(path) ?? [];
  if (method === "POST") {
    const { messages } = await body();
    return context.resumableStream(id, () =>
      toUIMessageStream({ stream: streamText({ model, messages }).stream }).pipeThrough(new JsonToSseTransformStream()),
    );
  }
  if (resume) return context.resumeExistingStream(id, Number(new URL(path, "http://peer").searchParams.get("skip")));
  return undefined;
}

const server = createServer((req, res) => {
  answer(req.method ?? "GET", req.url ?? "/", () => readJson<ChatBody>(req))
    .then((stream) => {
      if (!stream) return void res.writeHead(204).end();
      return sendWebResponse(res, new Response(stream.pipeThrough(new TextEncoderStream()), { headers: SSE_HEADERS }));
    })
    .catch(() => res.destroy());
});
listenForBench(server, async () => {
  publisher.disconnect();
  subscriber.disconnect();
});
