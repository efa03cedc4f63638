import type { ConversationEvent } from "@slipstream/protocol";
import type { Bus, Unsubscribe } from "../bus/index.ts";

/**
 * Whether `event` may have taken the conversation from `userId`: it was deleted, they were removed from it or from
 * its space, or it moved out of the space they reach it through (`spaceId`, the space it was in before). Only a
 * deletion is sure; otherwise a role of another kind may remain, so the access policy has the last word.
 */
export function mayEndAccess(event: ConversationEvent, userId: string, spaceId: string | null): boolean {
  switch (event.type) {
    case "conversation.deleted":
      return true;
    case "member.removed":
    case "space.member.removed":
      return event.userId === userId;
    case "conversation.updated":
      return event.conversation.spaceId !== spaceId;
    default:
      return false;
  }
}

/**
 * Calls `onLost` once the user can no longer read the conversation, on whichever instance the change was made:
 * at a deletion, or when `readable` answers false after a change that may have ended their access.
 */
export function watchAccessLoss({
  bus,
  userId,
  conversationId,
  spaceId,
  readable,
  onLost,
}: {
  bus: Bus;
  userId: string;
  conversationId: string;
  spaceId: string | null;
  readable: () => Promise<boolean>;
  onLost: () => void;
}): Unsubscribe {
  let space = spaceId;
  let lost = false;
  const lose = () => {
    if (lost) return;
    lost = true;
    unsubscribe();
    onLost();
  };
  const unsubscribe = bus.subscribe("conversation.event", ({ conversationId: id, event }) => {
    if (id !== conversationId || !mayEndAccess(event, userId, space)) return;
    if (event.type === "conversation.updated") space = event.conversation.spaceId;
    if (event.type === "conversation.deleted") return lose();
    // Unable to tell (the database away), the follow goes on: the next such change asks again.
    readable().then(
      (still) => {
        if (!still) lose();
      },
      () => {},
    );
  });
  return unsubscribe;
}
