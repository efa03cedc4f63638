import {
  type Dialect,
  errorMessage,
  isObject,
  type JsonObject,
  objects,
  type ReplyContext,
  sseData,
  textOf,
} from "./wire.ts";

const ERROR_KINDS: Record<number, { type: string; code: string | null }> = {
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  429: { type: "requests", code: "rate_limit_exceeded" },
  500: { type: "server_error", code: null },
};

function chunk(ctx: ReplyContext, delta: JsonObject, finishReason: string | null): string {
  return sseData({
    id: ctx.id,
    object: "chat.completion.chunk",
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: "fp_fake",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });
}

function usage(ctx: ReplyContext) {
  return {
    prompt_tokens: ctx.inputTokens,
    completion_tokens: ctx.outputTokens,
    total_tokens: ctx.inputTokens + ctx.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

/** OpenAI chat completions (`POST …/chat/completions`), also spoken by OpenAI-compatible servers. */
export const openaiChat: Dialect = {
  // Reasoning models get the system prompt as a `developer` message; it is reported as `system` like elsewhere.
  messages: (body) =>
    objects(body.messages).map((m) => ({
      role: m.role === "developer" ? "system" : String(m.role),
      text: textOf(m.content),
    })),
  model: (body) => String(body.model),
  isStreaming: (body) => body.stream === true,
  errorBody: (status) => ({
    error: {
      message: errorMessage(status),
      type: "invalid_request_error",
      param: null,
      code: null,
      ...ERROR_KINDS[status],
    },
  }),
  open: (ctx) => chunk(ctx, { role: "assistant", content: "", refusal: null }, null),
  delta: (ctx, text) => chunk(ctx, { content: text }, null),
  reasoningDelta: (ctx, text) => chunk(ctx, { reasoning_content: text }, null),
  close: (ctx) => {
    const includeUsage = isObject(ctx.body.stream_options) && ctx.body.stream_options.include_usage === true;
    const usageChunk = sseData({
      id: ctx.id,
      object: "chat.completion.chunk",
      created: ctx.created,
      model: ctx.model,
      system_fingerprint: "fp_fake",
      choices: [],
      usage: usage(ctx),
    });
    return `${chunk(ctx, {}, "stop")}${includeUsage ? usageChunk : ""}data: [DONE]\n\n`;
  },
  complete: (ctx) => ({
    id: ctx.id,
    object: "chat.completion",
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: "fp_fake",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: ctx.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: usage(ctx),
  }),
};
