import {
  type Dialect,
  errorMessage,
  isObject,
  type JsonObject,
  objects,
  type ReplyContext,
  sseData,
  type ToolCall,
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

const includesUsage = (ctx: ReplyContext) =>
  isObject(ctx.body.stream_options) && ctx.body.stream_options.include_usage === true;

function usageChunk(ctx: ReplyContext): string {
  return sseData({
    id: ctx.id,
    object: "chat.completion.chunk",
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: "fp_fake",
    choices: [],
    usage: usage(ctx),
  });
}

/** A streamed call: its id and name first (with no content, so no empty text part), then its arguments in deltas. */
function streamCall(ctx: ReplyContext, call: ToolCall, argumentDeltas: string[]): string[] {
  const opening = {
    role: "assistant",
    content: null,
    tool_calls: [{ index: 0, id: call.id, type: "function", function: { name: call.name, arguments: "" } }],
  };
  return [
    chunk(ctx, opening, null),
    ...argumentDeltas.map((delta) => chunk(ctx, { tool_calls: [{ index: 0, function: { arguments: delta } }] }, null)),
    `${chunk(ctx, {}, "tool_calls")}${includesUsage(ctx) ? usageChunk(ctx) : ""}data: [DONE]\n\n`,
  ];
}

function completeCall(ctx: ReplyContext, call: ToolCall) {
  const toolCall = { id: call.id, type: "function", function: { name: call.name, arguments: call.args } };
  return {
    id: ctx.id,
    object: "chat.completion",
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: "fp_fake",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: null, tool_calls: [toolCall], refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "tool_calls",
      },
    ],
    usage: usage(ctx),
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
  close: (ctx) => `${chunk(ctx, {}, "stop")}${includesUsage(ctx) ? usageChunk(ctx) : ""}data: [DONE]\n\n`,
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
  tools: {
    declared: (body) => objects(body.tools).map((tool) => (isObject(tool.function) ? String(tool.function.name) : "")),
    streamCall,
    completeCall,
  },
};
