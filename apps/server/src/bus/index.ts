import type { Conversation, Message, ServerFrameMap } from "@slipstream/protocol";

/** What instances tell each other. Topics are `resource.verb`; payloads are plain JSON. */
export type BusEvents = {
  "message.changed": { userId: string; conversationId: string; message: Message };
  "conversation.changed": {
    userId: string;
    conversationId: string;
    action: ServerFrameMap["conversation"]["action"];
    conversation?: Conversation;
  };
  "session.revoked": { sessionIds: string[] };
  "stream.cancel": { streamId: string };
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
