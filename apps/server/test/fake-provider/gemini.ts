import { type Dialect, errorMessage, isObject, objects, type ReplyContext, sseData, textOf } from "./wire.ts";

const ERROR_STATUSES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

function response(ctx: ReplyContext, text: string, last: boolean) {
  return {
    candidates: [
      { content: { parts: [{ text }], role: "model" }, ...(last ? { finishReason: "STOP" } : {}), index: 0 },
    ],
    usageMetadata: {
      promptTokenCount: ctx.inputTokens,
      ...(last ? { candidatesTokenCount: ctx.outputTokens } : {}),
      totalTokenCount: ctx.inputTokens + (last ? ctx.outputTokens : 0),
      promptTokensDetails: [{ modality: "TEXT", tokenCount: ctx.inputTokens }],
    },
    modelVersion: ctx.model,
    responseId: ctx.id,
  };
}

/** Gemini `models/{model}:streamGenerateContent?alt=sse` and `:generateContent`; its SSE lines end in CRLF. */
export const gemini: Dialect = {
  messages: (body) => [
    ...(isObject(body.systemInstruction) ? [{ role: "system", text: textOf(body.systemInstruction.parts) }] : []),
    ...objects(body.contents).map((c) => ({
      role: c.role === "model" ? "assistant" : String(c.role),
      text: textOf(c.parts),
    })),
  ],
  model: (_body, path) => /\/models\/([^/:]+):/.exec(path)?.[1] ?? "unknown",
  isStreaming: (_body, path) => path.includes(":streamGenerateContent"),
  errorBody: (status) => ({
    error: { code: status, message: errorMessage(status), status: ERROR_STATUSES[status] ?? "UNKNOWN" },
  }),
  open: () => "",
  delta: (ctx, text, last) => sseData(response(ctx, text, last), "\r\n"),
  close: (ctx) => (ctx.outputTokens === 0 ? sseData(response(ctx, "", true), "\r\n") : ""),
  complete: (ctx) => response(ctx, ctx.text, true),
};
