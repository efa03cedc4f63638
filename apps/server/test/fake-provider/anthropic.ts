import { type Dialect, errorMessage, objects, type ReplyContext, sseEvent, textOf } from "./wire.ts";

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

const usage = (ctx: ReplyContext, outputTokens: number) => ({
  input_tokens: ctx.inputTokens,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: outputTokens,
});

/** Anthropic messages (`POST …/messages`). */
export const anthropic: Dialect = {
  messages: (body) => [
    ...(body.system === undefined ? [] : [{ role: "system", text: textOf(body.system) }]),
    ...objects(body.messages).map((m) => ({ role: String(m.role), text: textOf(m.content) })),
  ],
  model: (body) => String(body.model),
  isStreaming: (body) => body.stream === true,
  errorBody: (status) => ({
    type: "error",
    error: { type: ERROR_TYPES[status] ?? "api_error", message: errorMessage(status) },
    request_id: "req_fake",
  }),
  open: (ctx) =>
    sseEvent("message_start", {
      type: "message_start",
      message: {
        id: ctx.id,
        type: "message",
        role: "assistant",
        model: ctx.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usage(ctx, 1),
      },
    }) +
    sseEvent("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    }) +
    sseEvent("ping", { type: "ping" }),
  delta: (_ctx, text) =>
    sseEvent("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }),
  close: (ctx) =>
    sseEvent("content_block_stop", { type: "content_block_stop", index: 0 }) +
    sseEvent("message_delta", {
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: ctx.outputTokens },
    }) +
    sseEvent("message_stop", { type: "message_stop" }),
  complete: (ctx) => ({
    id: ctx.id,
    type: "message",
    role: "assistant",
    model: ctx.model,
    content: [{ type: "text", text: ctx.text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: usage(ctx, ctx.outputTokens),
  }),
};
