import { type Dialect, errorMessage, type JsonObject, objects, type ReplyContext, sseEvent, textOf } from "./wire.ts";

const itemId = (ctx: ReplyContext) => `msg_${ctx.id}`;
const part = (text: string) => ({ type: "output_text", text, annotations: [], logprobs: [] });
const message = (ctx: ReplyContext, status: string, content: JsonObject[]) => ({
  type: "message",
  id: itemId(ctx),
  role: "assistant",
  status,
  content,
});

function response(ctx: ReplyContext, status: string, output: JsonObject[]) {
  return {
    id: ctx.id,
    object: "response",
    created_at: ctx.created,
    model: ctx.model,
    status,
    output,
    ...(status === "completed"
      ? {
          usage: {
            input_tokens: ctx.inputTokens,
            output_tokens: ctx.outputTokens,
            total_tokens: ctx.inputTokens + ctx.outputTokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens_details: { reasoning_tokens: 0 },
          },
        }
      : {}),
  };
}

const textEvent = (ctx: ReplyContext) => ({ item_id: itemId(ctx), output_index: 0, content_index: 0 });

/** The Responses API (`POST …/responses`) as xAI serves it, with xAI's `{code, error}` error bodies. */
export const responses: Dialect = {
  messages: (body) =>
    objects(body.input)
      .filter((item) => typeof item.role === "string")
      .map((item) => ({ role: String(item.role), text: textOf(item.content) })),
  model: (body) => String(body.model),
  isStreaming: (body) => body.stream === true,
  errorBody: (status) => ({ code: `HTTP ${status}`, error: errorMessage(status) }),
  open: (ctx) =>
    sseEvent("response.created", { type: "response.created", response: response(ctx, "in_progress", []) }) +
    sseEvent("response.in_progress", { type: "response.in_progress", response: response(ctx, "in_progress", []) }) +
    sseEvent("response.output_item.added", {
      type: "response.output_item.added",
      output_index: 0,
      item: message(ctx, "in_progress", []),
    }) +
    sseEvent("response.content_part.added", { type: "response.content_part.added", ...textEvent(ctx), part: part("") }),
  delta: (ctx, delta) =>
    sseEvent("response.output_text.delta", {
      type: "response.output_text.delta",
      ...textEvent(ctx),
      delta,
      logprobs: [],
    }),
  close: (ctx) =>
    sseEvent("response.output_text.done", {
      type: "response.output_text.done",
      ...textEvent(ctx),
      text: ctx.text,
      logprobs: [],
    }) +
    sseEvent("response.content_part.done", {
      type: "response.content_part.done",
      ...textEvent(ctx),
      part: part(ctx.text),
    }) +
    sseEvent("response.output_item.done", {
      type: "response.output_item.done",
      output_index: 0,
      item: message(ctx, "completed", [part(ctx.text)]),
    }) +
    sseEvent("response.completed", {
      type: "response.completed",
      response: response(ctx, "completed", [message(ctx, "completed", [part(ctx.text)])]),
    }),
  complete: (ctx) => response(ctx, "completed", [message(ctx, "completed", [part(ctx.text)])]),
};
