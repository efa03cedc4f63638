import type { MessageRecord } from "../store/index.ts";

/** The messages from the root down to `leafId`, which is what the model sees. */
export function pathToMessage(messages: MessageRecord[], leafId: string): MessageRecord[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const path: MessageRecord[] = [];
  const seen = new Set<string>();
  for (let current = byId.get(leafId); current && !seen.has(current.id); current = byId.get(current.parentId ?? "")) {
    seen.add(current.id);
    path.push(current);
  }
  return path.reverse();
}

/** The newest message: where a message sent without `parentId` continues the conversation. */
export function latestMessage(messages: MessageRecord[]): MessageRecord | undefined {
  return messages.reduce<MessageRecord | undefined>(
    (latest, message) => (!latest || message.id > latest.id ? message : latest),
    undefined,
  );
}
