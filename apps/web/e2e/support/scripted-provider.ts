import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { openaiChat } from "../../../server/test/fake-provider/openai-chat.ts";
import { isObject, type ReplyContext, sseData } from "../../../server/test/fake-provider/wire.ts";

/**
 * How the provider answers one request: the whole text, cut into deltas of `chunkSize` characters, `delayMs`
 * apart; before it, `reasoning` cut the same way, as the `reasoning_content` deltas of DeepSeek-style servers
 * (the AI SDK's openai-compatible provider turns them into reasoning parts). The stream waits for
 * `afterReasoning` before the text and for `beforeEnd` before it ends, so that a test sees each stage.
 */
export type ScriptedReply = {
  text: string;
  reasoning?: string;
  chunkSize?: number;
  delayMs?: number;
  status?: number;
  afterReasoning?: Promise<unknown>;
  beforeEnd?: Promise<unknown>;
};
export type Script = (lastUserText: string, requestNumber: number) => ScriptedReply;

/**
 * An OpenAI-compatible provider on loopback whose answers a test scripts from the user's words, so that
 * screenshots show natural messages (the server tests' fake provider reads directives from the text instead).
 */
export async function startScriptedProvider(script: Script) {
  let requests = 0;
  const server = createServer((req, res) => {
    void handle(req.method ?? "GET", new URL(req.url ?? "/", "http://provider").pathname, req, res).catch(
      (error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });

  async function handle(method: string, path: string, req: AsyncIterable<Buffer>, res: ServerResponse) {
    if (method === "GET" && path === "/v1/models") {
      return json(res, 200, {
        object: "list",
        data: [{ id: "scripted", object: "model", created: 0, owned_by: "e2e" }],
      });
    }
    if (method !== "POST" || path !== "/v1/chat/completions") return json(res, 404, { error: { message: "no route" } });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk);
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const request = isObject(body) ? body : {};
    const lastUser = openaiChat.messages(request).findLast((message) => message.role === "user")?.text ?? "";
    requests += 1;
    const reply = script(lastUser, requests);
    if (reply.status) return json(res, reply.status, openaiChat.errorBody(reply.status));
    const ctx = {
      id: `scripted-${randomUUID()}`,
      model: openaiChat.model(request, path),
      created: Math.floor(Date.now() / 1000),
      body: request,
      text: reply.text,
      inputTokens: lastUser.length,
      outputTokens: reply.text.length,
    };
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    res.write(openaiChat.open(ctx));
    const size = reply.chunkSize ?? 8;
    async function stream({ text, chunkOf }: { text: string; chunkOf: (piece: string) => string }) {
      for (let at = 0; at < text.length; at += size) {
        if (reply.delayMs) await sleep(reply.delayMs);
        if (res.destroyed) return;
        // Waiting for the socket to drain keeps a fast stream from buffering unboundedly in this process.
        if (!res.write(chunkOf(text.slice(at, at + size)))) await new Promise((resolve) => res.once("drain", resolve));
      }
    }
    await stream({ text: reply.reasoning ?? "", chunkOf: (piece) => reasoningDelta(ctx, piece) });
    await reply.afterReasoning;
    await stream({ text: reply.text, chunkOf: (piece) => openaiChat.delta(ctx, piece, false) });
    await reply.beforeEnd;
    if (!res.destroyed) res.end(openaiChat.close(ctx));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    /** The model id the chat server lists for this provider. */
    model: "local/scripted",
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat completion chunk carrying reasoning, as DeepSeek, vLLM and llama.cpp send it. */
function reasoningDelta(ctx: ReplyContext, reasoning: string): string {
  return sseData({
    id: ctx.id,
    object: "chat.completion.chunk",
    created: ctx.created,
    model: ctx.model,
    choices: [{ index: 0, delta: { reasoning_content: reasoning }, logprobs: null, finish_reason: null }],
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
