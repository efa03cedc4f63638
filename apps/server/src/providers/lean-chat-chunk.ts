import { type FlexibleSchema, type ParseResult, safeParseJSON } from "@ai-sdk/provider-utils";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const absent = (value: unknown) => value === undefined || value === null;
const optional = (value: unknown, type: "string" | "number") => absent(value) || typeof value === type;

function isLeanUsage(usage: unknown): boolean {
  if (absent(usage)) return true;
  if (!isObject(usage)) return false;
  const { prompt_tokens_details: prompt, completion_tokens_details: completion } = usage;
  return (
    optional(usage.prompt_tokens, "number") &&
    optional(usage.completion_tokens, "number") &&
    optional(usage.total_tokens, "number") &&
    (absent(prompt) || (isObject(prompt) && optional(prompt.cached_tokens, "number"))) &&
    (absent(completion) ||
      (isObject(completion) &&
        optional(completion.reasoning_tokens, "number") &&
        optional(completion.accepted_prediction_tokens, "number") &&
        optional(completion.rejected_prediction_tokens, "number")))
  );
}

/** A streamed tool call's piece: its index, id and name first, then pieces of its arguments (Gemini's extras aside). */
function isLeanToolCallDelta(call: unknown): boolean {
  return (
    isObject(call) &&
    optional(call.index, "number") &&
    optional(call.id, "string") &&
    isObject(call.function) &&
    optional(call.function.name, "string") &&
    optional(call.function.arguments, "string") &&
    absent(call.extra_content)
  );
}

function isLeanDelta(delta: unknown): boolean {
  if (absent(delta)) return true;
  if (!isObject(delta)) return false;
  return (
    (absent(delta.role) || delta.role === "assistant" || delta.role === "") &&
    optional(delta.content, "string") &&
    optional(delta.reasoning_content, "string") &&
    optional(delta.reasoning, "string") &&
    absent(delta.refusal) &&
    (absent(delta.tool_calls) || (Array.isArray(delta.tool_calls) && delta.tool_calls.every(isLeanToolCallDelta)))
  );
}

/**
 * The chunks nearly every OpenAI-compatible server streams: text and reasoning deltas, tool calls, a finish reason,
 * usage. For these the schema's verdict is known without running it, and the SDK reads the same fields from the raw
 * chunk as from zod's output (zod only drops keys nothing reads).
 */
export function isLeanChatChunk(value: unknown): boolean {
  if (!isObject(value) || "error" in value) return false;
  if (!optional(value.id, "string") || !optional(value.created, "number") || !optional(value.model, "string")) {
    return false;
  }
  if (!Array.isArray(value.choices) || !isLeanUsage(value.usage)) return false;
  return value.choices.every(
    (choice) => isObject(choice) && optional(choice.finish_reason, "string") && isLeanDelta(choice.delta),
  );
}

/**
 * One event's data as the SDK's `safeParseJSON` with the chunk schema judges it: a lean chunk at once, anything else
 * (bad JSON, errors, unusual shapes, and text the SDK's JSON parser would inspect for prototype keys, escaped or
 * not) through the SDK itself, so that its verdict and its errors are the SDK's own.
 */
export function parseChatChunk(
  data: string,
  schema: FlexibleSchema<unknown>,
): ParseResult<unknown> | Promise<ParseResult<unknown>> {
  if (!data.includes("__proto__") && !data.includes("constructor") && !data.includes("\\u00")) {
    try {
      const value: unknown = JSON.parse(data);
      if (isLeanChatChunk(value)) return { success: true, value, rawValue: value };
    } catch {
      // The SDK's parser below makes the error the stream reports.
    }
  }
  return safeParseJSON({ text: data, schema });
}
