import type { ConversationEventStream } from "./event-stream.ts";
import type { PublishedConversationEvent } from "./types.ts";

/** Events kept for consumer groups that are away, to hand over when they rejoin; older ones are dropped. */
const MAX_LENGTH = 10_000;

type Group = {
  /** The sequence number of the last entry handed to the group. */
  delivered: number;
  /** Handed over but not acknowledged, by sequence number. */
  pending: Map<number, PublishedConversationEvent>;
  consumer?: (seq: number, event: PublishedConversationEvent) => void;
};

/** The embedded event stream: this process's consumers only, delivered as each event is appended. */
export function createMemoryEventStream({
  onError,
}: {
  /** Receives what a handler threw; its entry stays pending. */
  onError: (error: unknown) => void;
}): ConversationEventStream {
  const entries: { seq: number; event: PublishedConversationEvent }[] = [];
  const groups = new Map<string, Group>();
  let lastSeq = 0;

  return {
    async append(event) {
      lastSeq += 1;
      entries.push({ seq: lastSeq, event });
      for (const group of groups.values()) {
        if (!group.consumer) continue;
        group.delivered = lastSeq;
        group.consumer(lastSeq, event);
      }
      // Kept only while some group has yet to be handed them.
      const floor = Math.min(...[...groups.values()].map((group) => group.delivered));
      while ((entries[0] && entries[0].seq <= floor) || entries.length > MAX_LENGTH) entries.shift();
    },

    async consume(name, handler) {
      let group = groups.get(name);
      if (!group) {
        group = { delivered: lastSeq, pending: new Map() };
        groups.set(name, group);
      }
      const joined = group;
      const consumer = (seq: number, event: PublishedConversationEvent) => {
        joined.pending.set(seq, event);
        try {
          handler(event);
          joined.pending.delete(seq);
        } catch (error) {
          onError(error);
        }
      };
      joined.consumer = consumer;
      for (const [seq, event] of [...joined.pending]) consumer(seq, event);
      for (const { seq, event } of entries) {
        if (seq <= joined.delivered) continue;
        joined.delivered = seq;
        consumer(seq, event);
      }
      return async () => {
        if (joined.consumer === consumer) joined.consumer = undefined;
      };
    },

    async ping() {},

    async close() {
      for (const group of groups.values()) group.consumer = undefined;
    },
  };
}
