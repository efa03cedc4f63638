import { OpenAICompatibleChatLanguageModel } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { type FlexibleSchema, jsonSchema, safeValidateTypes } from "@ai-sdk/provider-utils";

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

function isLeanDelta(delta: unknown): boolean {
  if (absent(delta)) return true;
  if (!isObject(delta)) return false;
  return (
    (absent(delta.role) || delta.role === "assistant" || delta.role === "") &&
    optional(delta.content, "string") &&
    optional(delta.reasoning_content, "string") &&
    optional(delta.reasoning, "string") &&
    absent(delta.refusal) &&
    absent(delta.tool_calls)
  );
}

/**
 * The chunks nearly every OpenAI-compatible server streams: text and reasoning deltas, a finish reason, usage. For
 * these the schema's verdict is known without running it, and the SDK reads the same fields from the raw chunk as
 * from zod's output (zod only drops keys the SDK never reads).
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

/** The model's chunk schema, with its verdict on lean chunks given at once; any other chunk still goes through it. */
function leanChunkSchema(schema: FlexibleSchema<unknown>) {
  return jsonSchema<unknown>(
    {},
    {
      validate: async (value) => {
        if (isLeanChatChunk(value)) return { success: true, value };
        const result = await safeValidateTypes({ value, schema });
        return result.success ? { success: true, value: result.value } : { success: false, error: result.error };
      },
    },
  );
}

/**
 * An OpenAI-compatible chat model whose streamed chunks skip the zod validation, about half of `doStream()`'s CPU per
 * token: everything else, from the request to the mapping of chunks to stream parts, is the SDK's own. Other models come back as they are. Should a later SDK stop reading its
 * `chunkSchema` from the instance, the model is simply validated as before; the differential test in
 * `provider-reply-stream.test.ts` holds both to the same parts.
 */
export function withLeanChunkValidation(model: LanguageModelV4): LanguageModelV4 {
  const schema = (model as unknown as { chunkSchema?: FlexibleSchema<unknown> }).chunkSchema;
  if (!(model instanceof OpenAICompatibleChatLanguageModel) || schema === undefined) return model;
  return Object.create(model, { chunkSchema: { value: leanChunkSchema(schema) } });
}
