import type { Conversation, ConversationEvent, ConversationSnapshot, Member, Message } from "@slipstream/protocol";

/** A conversation as its events build it: what a watcher holds between snapshots. */
export type ConversationState = {
  version: number;
  conversation: Conversation | undefined;
  /** Members besides the owner (the history holds no event for the owner), in the order they were added. */
  members: Member[];
  /** Oldest first (ids are UUIDv7). */
  messages: Message[];
  deleted: boolean;
};

export const emptyConversationState = (): ConversationState => ({
  version: 0,
  conversation: undefined,
  members: [],
  messages: [],
  deleted: false,
});

/** The state a snapshot gives (the owner left out of `members`, as the events have it). */
export function stateFromSnapshot(snapshot: ConversationSnapshot): ConversationState {
  return {
    version: snapshot.version,
    conversation: snapshot.conversation,
    members: snapshot.members.filter((member) => member.role !== "owner"),
    messages: snapshot.messages,
    deleted: false,
  };
}

const upsert = <T>(list: T[], item: T, same: (entry: T) => boolean, sort?: (a: T, b: T) => number) => {
  const rest = list.filter((entry) => !same(entry));
  const next = rest.length === list.length ? [...rest, item] : list.map((entry) => (same(entry) ? item : entry));
  return sort ? next.sort(sort) : next;
};
const byId = (a: Message, b: Message) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The state after one event. Events must come in version order; one at or below the state's version changes
 * nothing (at-least-once delivery), and one past the next version throws: the caller has a gap to fill first.
 */
export function applyConversationEvent(
  state: ConversationState,
  { version, event }: { version: number; event: ConversationEvent },
): ConversationState {
  if (version <= state.version) return state;
  if (version !== state.version + 1) {
    throw new Error(`conversation event ${version} arrived after ${state.version}: fetch the ones between first`);
  }
  const next = { ...state, version };
  switch (event.type) {
    case "conversation.created":
    case "conversation.updated":
      return { ...next, conversation: event.conversation };
    case "conversation.deleted":
      return { ...next, deleted: true };
    case "message.created":
    case "message.updated":
      return { ...next, messages: upsert(state.messages, event.message, (m) => m.id === event.message.id, byId) };
    case "message.deleted": {
      const gone = new Set(event.messageIds);
      return { ...next, messages: state.messages.filter((message) => !gone.has(message.id)) };
    }
    case "member.added":
    case "member.updated":
      return { ...next, members: upsert(state.members, event.member, (m) => m.userId === event.member.userId) };
    case "member.removed":
      return { ...next, members: state.members.filter((member) => member.userId !== event.userId) };
    case "space.renamed":
    case "space.member.added":
    case "space.member.updated":
    case "space.member.removed":
      // The space's people are not the conversation's state: the space's own members list has them.
      return next;
  }
}
