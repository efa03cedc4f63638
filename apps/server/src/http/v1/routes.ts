import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { LanguageModelUsage, TextStreamPart, ToolSet } from "ai";
import type { FastifyInstance, FastifyReply } from "fastify";
import { describeProviderError } from "../../providers/provider-errors.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { chatCompletionRequestSchema } from "./chat-completions.schema.ts";
import { createChunker, finishReasonOf, openAiUsage } from "./completion-chunks.ts";
import { openAiError, registerOpenAiErrorHandling } from "./openai-errors.ts";
import { toModelMessages, toToolChoice, toToolSet } from "./to-model-messages.ts";

/** How long the gateway waits for a provider that sends nothing: the one `describeProviderError` names. */
type V1Options = { idleTimeoutMs: number };

async function streamChunks({
  reply,
  parts,
  chunker,
  includeUsage,
  closed,
  idleTimeoutMs,
}: {
  reply: FastifyReply;
  parts: AsyncIterable<TextStreamPart<ToolSet>>;
  chunker: ReturnType<typeof createChunker>;
  includeUsage: boolean;
  closed: AbortSignal;
  idleTimeoutMs: number;
}) {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const write = async (data: unknown) => {
    if (!out.write(`data: ${JSON.stringify(data)}\n\n`)) await once(out, "drain", { signal: closed });
  };
  let usage: LanguageModelUsage | undefined;
  try {
    await write(chunker.first());
    for await (const part of parts) {
      if (part.type === "error") {
        // Headers are gone: OpenAI streams a failure as an error object, then ends.
        await write(openAiError(502, "provider_error", describeProviderError(part.error, { idleTimeoutMs })));
        break;
      }
      if (part.type === "finish") usage = part.totalUsage;
      for (const chunk of chunker.of(part)) await write(chunk);
    }
    if (includeUsage && usage) await write(chunker.usage(usage));
    if (!closed.aborted) out.write("data: [DONE]\n\n");
  } catch (error) {
    if (!closed.aborted) reply.log.error({ err: error }, "completion stream failed");
  } finally {
    out.end();
  }
}

/** The OpenAI-compatible gateway: `/v1/models` and `/v1/chat/completions`, authenticated by a personal API token. */
export function registerV1Routes(app: FastifyInstance, context: HttpContext, { idleTimeoutMs }: V1Options) {
  const { principals, models, completions } = context;
  return app.register(
    async (v1) => {
      registerOpenAiErrorHandling(v1);

      v1.get("/models", async (request) => {
        const principal = await principals.require(request);
        // The gateway answers chat completions only: image models are left to the app.
        const list = (await models.listModels(principal)).filter((model) => model.kind === "chat");
        return {
          object: "list",
          data: list.map((model) => ({ id: model.id, object: "model", created: 0, owned_by: model.provider })),
        };
      });

      v1.post("/chat/completions", async (request, reply) => {
        const principal = await principals.require(request);
        const body = parseInput(chatCompletionRequestSchema, request.body);
        const closed = new AbortController();
        reply.raw.on("close", () => {
          if (!reply.raw.writableFinished) closed.abort();
        });
        const parts = await completions.start({
          principal,
          modelId: body.model,
          ...toModelMessages(body.messages),
          tools: toToolSet(body.tools),
          toolChoice: toToolChoice(body.tool_choice),
          temperature: body.temperature ?? undefined,
          topP: body.top_p ?? undefined,
          maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
          stopSequences: typeof body.stop === "string" ? [body.stop] : (body.stop ?? undefined),
          signal: closed.signal,
          source: "api",
        });
        const chunker = createChunker({
          id: `chatcmpl-${randomUUID()}`,
          model: body.model,
          created: Math.floor(Date.now() / 1000),
        });
        if (body.stream) {
          const includeUsage = body.stream_options?.include_usage === true;
          return streamChunks({ reply, parts, chunker, includeUsage, closed: closed.signal, idleTimeoutMs });
        }

        let text = "";
        let reasoning = "";
        let finishReason = "stop";
        let usage: LanguageModelUsage | undefined;
        const toolCalls: { id: string; type: "function"; function: { name: string; arguments: string } }[] = [];
        for await (const part of parts) {
          if (part.type === "text-delta") text += part.text;
          if (part.type === "reasoning-delta") reasoning += part.text;
          if (part.type === "tool-call") {
            const args = JSON.stringify(part.input ?? {});
            toolCalls.push({
              id: part.toolCallId,
              type: "function",
              function: { name: part.toolName, arguments: args },
            });
          }
          if (part.type === "finish") {
            finishReason = part.finishReason;
            usage = part.totalUsage;
          }
          if (part.type === "error") {
            return reply
              .status(502)
              .send(openAiError(502, "provider_error", describeProviderError(part.error, { idleTimeoutMs })));
          }
        }
        const { id, model, created } = chunker.first();
        return {
          id,
          object: "chat.completion",
          created,
          model,
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content: text || (toolCalls.length > 0 ? null : ""),
                ...(reasoning ? { reasoning_content: reasoning } : {}),
                ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
                refusal: null,
              },
              logprobs: null,
              finish_reason: finishReasonOf(finishReason),
            },
          ],
          usage: openAiUsage(usage),
        };
      });
    },
    { prefix: "/v1" },
  );
}
