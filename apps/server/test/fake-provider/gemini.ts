import {
  type ChatMessage,
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
  return withParts(ctx, [{ text }], last);
}

function withParts(ctx: ReplyContext, parts: JsonObject[], last: boolean) {
  return {
    candidates: [{ content: { parts, role: "model" }, ...(last ? { finishReason: "STOP" } : {}), index: 0 }],
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

/** Function responses are messages of their own (role `tool`), though Gemini sends them as the user's. */
function historyOf(content: JsonObject): ChatMessage[] {
  const parts = objects(content.parts);
  const results = parts
    .filter((part) => isObject(part.functionResponse))
    .map((part) => {
      const response = (part.functionResponse as JsonObject).response;
      const value = isObject(response) ? (response.content ?? response.error) : response;
      return { role: "tool", text: typeof value === "string" ? value : JSON.stringify(value) };
    });
  const text = textOf(parts);
  const role = content.role === "model" ? "assistant" : String(content.role);
  return [...(text || results.length === 0 ? [{ role, text }] : []), ...results];
}

/**
 * Gemini sends a function call whole, in one chunk (its API does not stream the arguments), signed as Gemini 3
 * signs them: a later request must send the call back with its `thoughtSignature`.
 */
const callPart = (call: ToolCall) => ({
  functionCall: { name: call.name, args: JSON.parse(call.args) },
  thoughtSignature: `signature-of-${call.id}`,
});

/** Gemini `models/{model}:streamGenerateContent?alt=sse` and `:generateContent`; its SSE lines end in CRLF. */
export const gemini: Dialect = {
  messages: (body) => [
    ...(isObject(body.systemInstruction) ? [{ role: "system", text: textOf(body.systemInstruction.parts) }] : []),
    ...objects(body.contents).flatMap(historyOf),
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
  tools: {
    declared: (body) =>
      objects(body.tools).flatMap((tool) =>
        objects(tool.functionDeclarations).map((declaration) => String(declaration.name)),
      ),
    streamCall: (ctx, call) => [sseData(withParts(ctx, [callPart(call)], true), "\r\n")],
    completeCall: (ctx, call) => withParts(ctx, [callPart(call)], true),
  },
};
