import type { PublishedConversationEvent } from "./types.ts";

/** Stops a consumer. Entries it was given but did not acknowledge stay pending for the group's next consumer. */
export type StopConsuming = () => Promise<void>;

/**
 * The conversation events every instance must see: kept, acknowledged and redelivered. Each consumer group gets
 * every event once acknowledged; an entry its consumer took but never acknowledged (the handler threw, the
 * connection dropped, the process died) is handed to the group's next consumer before anything newer.
 */
export interface ConversationEventStream {
  /** Resolves once the event is kept for every group. */
  append(event: PublishedConversationEvent): Promise<void>;
  /**
   * Joins `group` (created at the stream's end the first time), then calls `handler` with the group's
   * unacknowledged entries and every later one, in order. An entry is acknowledged once `handler` returns; one
   * it throws on stays pending. Resolves once the group exists, so that nothing appended later is missed.
   */
  consume(group: string, handler: (event: PublishedConversationEvent) => void): Promise<StopConsuming>;
  /** Resolves when the stream answers; rejects (within about a second) when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
