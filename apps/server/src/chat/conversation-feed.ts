import { type ConversationUpdateFrame, frameOfConversationEvent, type ServerFrameMap } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus, PublishedConversationEvent } from "../bus/index.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";
import { presentConversation } from "./presenters.ts";

/** How many recent event ids a feed remembers to drop the repeats of at-least-once delivery. */
const SEEN_LIMIT = 1_000;

const toUpdate = ({ conversationId, event }: PublishedConversationEvent) =>
  frameOfConversationEvent(conversationId, event);

/** The user whose role an event changes (in the conversation, or in its space), if any. */
function memberOf({ event }: PublishedConversationEvent): string | undefined {
  if (event.type === "member.removed" || event.type === "space.member.removed") return event.userId;
  if (
    event.type === "member.added" ||
    event.type === "member.updated" ||
    event.type === "space.member.added" ||
    event.type === "space.member.updated"
  ) {
    return event.member.userId;
  }
  return undefined;
}

const isRemoval = ({ event }: PublishedConversationEvent) =>
  event.type === "member.removed" || event.type === "space.member.removed";

/** Calls `handler` once per event id, however often the event is delivered. */
export function oncePerEvent(handler: (published: PublishedConversationEvent) => void) {
  const seen = new Set<string>();
  return (published: PublishedConversationEvent) => {
    if (seen.has(published.id)) return;
    seen.add(published.id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    handler(published);
  };
}

const removedFrom = (conversationId: string): ServerFrameMap["conversation"] => ({
  type: "conversation",
  conversationId,
  action: "removed",
});

/** Live changes of conversations, from their domain events on every instance, for those who may read them. */
export function createConversationFeed({
  bus,
  access,
  store,
  onError,
}: {
  bus: Bus;
  access: AccessPolicy;
  store: Pick<Store, "conversations">;
  /** A list update that could not be delivered (the store failed looking up a conversation shared just now). */
  onError: (error: unknown) => void;
}) {
  /** Whether the principal may still read the conversation of `published`, whose space is `spaceId`. */
  async function stillReads(principal: Principal, published: PublishedConversationEvent, spaceId: string | null) {
    const { conversationId: id, userId } = published;
    return (await access.roleOf(principal, { id, userId, spaceId })) !== undefined;
  }

  return {
    /**
     * Checks access, then calls `listener` on each change of the conversation until the returned function is called.
     * A watcher who loses every role in it (removed from it or from its space, or it left their space) gets `removed`
     * and nothing more.
     */
    async watch({
      principal,
      conversationId,
      listener,
    }: {
      principal: Principal;
      conversationId: string;
      listener: (update: ConversationUpdateFrame) => void;
    }): Promise<() => void> {
      const { conversation } = await access.requireAccess({ principal, action: "conversation.read", conversationId });
      let spaceId = conversation.spaceId;
      let removed = false;
      let queue = Promise.resolve();
      const deliver = async (published: PublishedConversationEvent) => {
        if (removed) return;
        const { event } = published;
        const movedSpace = event.type === "conversation.updated" && event.conversation.spaceId !== spaceId;
        if (event.type === "conversation.updated") spaceId = event.conversation.spaceId;
        const lostRole = (isRemoval(published) && memberOf(published) === principal.userId) || movedSpace;
        if (lostRole && !(await stillReads(principal, published, spaceId))) {
          removed = true;
          stop();
          return listener(removedFrom(conversationId));
        }
        const update = toUpdate(published);
        if (update) listener(update);
      };
      const stop = bus.subscribe(
        "conversation.event",
        oncePerEvent((published) => {
          if (published.conversationId !== conversationId) return;
          queue = queue.then(() => deliver(published)).catch(onError);
        }),
      );
      return stop;
    },

    /**
     * Calls `listener` whenever a conversation the principal may read is created, changed or deleted, anywhere; a
     * conversation they are added to (directly, through a space they join, or started in or moved into one of their
     * spaces) arrives as `created`, one they lose every role in as `removed`.
     */
    async watchAll({
      principal,
      listener,
    }: {
      principal: Principal;
      listener: (update: ServerFrameMap["conversation"]) => void;
    }): Promise<() => void> {
      // The conversations others own that this user may read, with their space, and whether the user is in each
      // space seen so far: kept up to date from the events, so that deciding who gets an event seldom costs a query.
      const shared = new Map(
        (await store.conversations.listReadableConversations({ userId: principal.userId }))
          .filter((conversation) => conversation.userId !== principal.userId)
          .map((conversation) => [conversation.id, conversation.spaceId]),
      );
      const inSpace = new Map<string, boolean>();
      const isInSpace = async (spaceId: string, fresh: boolean) => {
        const known = inSpace.get(spaceId);
        if (known !== undefined && !fresh) return known;
        const found = await access.requireSpaceAccess({ principal, action: "space.read", spaceId }).then(
          () => true,
          () => false,
        );
        inSpace.set(spaceId, found);
        return found;
      };
      let queue = Promise.resolve();
      const lose = (conversationId: string) => {
        shared.delete(conversationId);
        listener(removedFrom(conversationId));
      };
      const gain = async (conversationId: string) => {
        if (shared.has(conversationId)) return;
        const conversation = await store.conversations.findConversationById({ id: conversationId });
        if (!conversation) return;
        shared.set(conversationId, conversation.spaceId);
        listener({
          type: "conversation",
          conversationId,
          action: "created",
          conversation: presentConversation(conversation),
        });
      };
      const deliver = async (published: PublishedConversationEvent) => {
        const { conversationId, event } = published;
        const mine = published.userId === principal.userId;
        if (memberOf(published) === principal.userId && !mine) {
          if (event.type === "space.member.added" || event.type === "space.member.updated")
            inSpace.set(event.spaceId, true);
          if (event.type === "space.member.removed") inSpace.set(event.spaceId, false);
          if (!isRemoval(published)) return gain(conversationId);
          if (
            shared.has(conversationId) &&
            !(await stillReads(principal, published, shared.get(conversationId) ?? null))
          )
            lose(conversationId);
          return;
        }
        if (!event.type.startsWith("conversation.")) return;
        if (mine) return listener(toUpdate(published) as ServerFrameMap["conversation"]);
        if (event.type === "conversation.deleted") {
          if (shared.delete(conversationId)) listener(toUpdate(published) as ServerFrameMap["conversation"]);
          return;
        }
        if (event.type !== "conversation.created" && event.type !== "conversation.updated") return;
        const { spaceId } = event.conversation;
        if (!shared.has(conversationId)) {
          // Started in, or moved into, a space of this user's.
          if (spaceId && (await isInSpace(spaceId, event.type === "conversation.created"))) {
            shared.set(conversationId, spaceId);
            listener({ type: "conversation", conversationId, action: "created", conversation: event.conversation });
          }
          return;
        }
        if (shared.get(conversationId) !== spaceId) {
          shared.set(conversationId, spaceId);
          if (!(await stillReads(principal, published, spaceId))) return lose(conversationId);
        }
        listener(toUpdate(published) as ServerFrameMap["conversation"]);
      };
      return bus.subscribe(
        "conversation.event",
        oncePerEvent((published) => {
          queue = queue.then(() => deliver(published)).catch(onError);
        }),
      );
    },
  };
}
export type ConversationFeed = ReturnType<typeof createConversationFeed>;
