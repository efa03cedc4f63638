import type { Message } from "@slipstream/protocol";

/**
 * Adds or replaces messages by id. A reply that already ended keeps its final state when an older
 * `streaming` copy arrives late (from a slow list request or a reordered feed).
 */
export function mergeMessages(current: Map<string, Message>, incoming: Message[]): Map<string, Message> {
  const next = new Map(current);
  for (const message of incoming) {
    const known = next.get(message.id);
    if (known && known.status !== "streaming" && message.status === "streaming") continue;
    next.set(message.id, message);
  }
  return next;
}

/** The messages left once a deleted branch's ids are taken out; the same map when none of them is here. */
export function withoutMessages(current: Map<string, Message>, ids: readonly string[]): Map<string, Message> {
  if (!ids.some((id) => current.has(id))) return current;
  const next = new Map(current);
  for (const id of ids) next.delete(id);
  return next;
}
