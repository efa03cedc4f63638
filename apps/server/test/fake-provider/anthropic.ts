import {
  type ChatMessage,
  type Dialect,
  errorMessage,
  type JsonObject,
  objects,
  type ReplyContext,
  sseEvent,
  type ToolCall,
  textOf,
} from "./wire.ts";

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

/** A user message's tool results are messages of their own (role `tool`); its text, if any, stays the user's. */
function historyOf(message: JsonObject): ChatMessage[] {
  const role = String(message.role);
  if (typeof message.content === "string") return [{ role, text: message.content }];
  const blocks = objects(message.content);
  const results = blocks
    .filter((block) => block.type === "tool_result")
    .map((block) => ({ role: "tool", text: textOf(block.content) }));
  const text = textOf(blocks.filter((block) => block.type === "text"));
  return [...(text || results.length === 0 ? [{ role, text }] : []), ...results];
}

const messageStart = (ctx: ReplyContext) =>
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
  });

const messageEnd = (ctx: ReplyContext, stopReason: string) =>
  sseEvent("message_delta", {
    type: "message_delta",
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: ctx.outputTokens },
  }) + sseEvent("message_stop", { type: "message_stop" });

function streamCall(ctx: ReplyContext, call: ToolCall, argumentDeltas: string[]): string[] {
  return [
    messageStart(ctx) +
      sseEvent("content_block_start", {
        type: "content_block_start",
        index: 0,
        content_block: { type: "tool_use", id: call.id, name: call.name, input: {} },
      }),
    ...argumentDeltas.map((partial_json) =>
      sseEvent("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "input_json_delta", partial_json },
      }),
    ),
    sseEvent("content_block_stop", { type: "content_block_stop", index: 0 }) + messageEnd(ctx, "tool_use"),
  ];
}

const completeCall = (ctx: ReplyContext, call: ToolCall) => ({
  id: ctx.id,
  type: "message",
  role: "assistant",
  model: ctx.model,
  content: [{ type: "tool_use", id: call.id, name: call.name, input: JSON.parse(call.args) }],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: usage(ctx, ctx.outputTokens),
});

/** Anthropic messages (`POST …/messages`). */
export const anthropic: Dialect = {
  messages: (body) => [
    ...(body.system === undefined ? [] : [{ role: "system", text: textOf(body.system) }]),
    ...objects(body.messages).flatMap(historyOf),
  ],
  model: (body) => String(body.model),
  isStreaming: (body) => body.stream === true,
  errorBody: (status) => ({
    type: "error",
    error: { type: ERROR_TYPES[status] ?? "api_error", message: errorMessage(status) },
    request_id: "req_fake",
  }),
  open: (ctx) =>
    messageStart(ctx) +
    sseEvent("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    }) +
    sseEvent("ping", { type: "ping" }),
  delta: (_ctx, text) =>
    sseEvent("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }),
  close: (ctx) =>
    sseEvent("content_block_stop", { type: "content_block_stop", index: 0 }) + messageEnd(ctx, "end_turn"),
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
  tools: {
    declared: (body) => objects(body.tools).map((tool) => String(tool.name)),
    streamCall,
    completeCall,
  },
};
