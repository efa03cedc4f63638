/**
 * Fields in which errors carry what users and models wrote: the AI SDK's `APICallError` keeps the whole request
 * (`requestBodyValues`: every message of the prompt) and the provider's answer (`responseBody`, `data`); other
 * SDK errors keep the model's `text` or the `prompt`. Their message, status and URL stay in the log.
 */
const CONTENT_FIELDS = new Set(["requestBodyValues", "responseBody", "data", "text", "prompt", "messages", "value"]);
const OMITTED = "[omitted: set LOG_CONTENT=true to log conversation text]";
const MAX_DEPTH = 8;

/** A copy of a serialized error without conversation text, however deep its causes nest. */
export function withoutConversationText<T>(serialized: T, depth = 0): T {
  if (depth > MAX_DEPTH || serialized === null || typeof serialized !== "object") return serialized;
  if (Array.isArray(serialized)) return serialized.map((item) => withoutConversationText(item, depth + 1)) as T;
  return Object.fromEntries(
    Object.entries(serialized).map(([key, value]) => [
      key,
      CONTENT_FIELDS.has(key) && value !== undefined ? OMITTED : withoutConversationText(value, depth + 1),
    ]),
  ) as T;
}
