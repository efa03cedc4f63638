import type { ConversationEvent, PresenceState } from "@slipstream/protocol";

/** A domain event as the outbox relay publishes it: at least once, so consumers drop repeats by version. */
export type PublishedConversationEvent = {
  id: string;
  conversationId: string;
  version: number;
  /** The conversation's owner: who may receive it. */
  userId: string;
  event: ConversationEvent;
};

/** What instances tell each other. Topics are `resource.verb`; payloads are plain JSON. */
export type BusEvents = {
  "conversation.event": PublishedConversationEvent;
  "session.revoked": { sessionIds: string[] };
  "token.revoked": { tokenIds: string[] };
  "user.disabled": { userId: string };
  /** An account's role changed: credentials verified before carry the old one. */
  "user.role.changed": { userId: string };
  "stream.cancel": { streamId: string };
  /** What one socket's user is doing in a conversation; `state: null` when the socket left it or closed. */
  "presence.changed": PresenceChange;
};

export type PresenceChange = {
  conversationId: string;
  /** The socket's id, unique across instances. */
  connectionId: string;
  user: { id: string; name: string };
  state: PresenceState | null;
};
export type BusTopic = keyof BusEvents;

export type Unsubscribe = () => void;

/** Publish/subscribe between every part of the system, in this process or across instances. */
export interface Bus {
  publish<T extends BusTopic>(topic: T, payload: BusEvents[T]): Promise<void>;
  subscribe<T extends BusTopic>(topic: T, handler: (payload: BusEvents[T]) => void): Unsubscribe;
  /** Resolves when the bus answers; rejects (within about a second) when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
