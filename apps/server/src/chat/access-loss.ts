import type { ConversationEvent } from "@slipstream/protocol";
import type { Bus, Unsubscribe } from "../bus/index.ts";

/** Whether nothing more of the conversation reaches `userId` after `event`: it was deleted, or they were removed. */
export const endsAccess = (event: ConversationEvent, userId: string) =>
  event.type === "conversation.deleted" || (event.type === "member.removed" && event.userId === userId);

/** Calls `onLost` once the user can no longer read the conversation, on whichever instance the change was made. */
export function watchAccessLoss({
  bus,
  userId,
  conversationId,
  onLost,
}: {
  bus: Bus;
  userId: string;
  conversationId: string;
  onLost: () => void;
}): Unsubscribe {
  const unsubscribe = bus.subscribe("conversation.event", (published) => {
    if (published.conversationId !== conversationId || !endsAccess(published.event, userId)) return;
    unsubscribe();
    onLost();
  });
  return unsubscribe;
}
