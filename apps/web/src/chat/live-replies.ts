import type { MessagePart, StreamEvent } from "@slipstream/protocol";
import { useCallback, useSyncExternalStore } from "react";
import { applyChunk, EMPTY_PARTS, type PartsBuilder } from "../parts/build-parts.ts";

/** What has arrived so far of a reply that is being generated: its parts, as the saved message will hold them. */
export type LiveReply = { parts: MessagePart[]; lastSeq: number; error: string | undefined };
type Building = { builder: PartsBuilder; lastSeq: number; error: string | undefined };

type Schedule = (flush: () => void) => void;

/**
 * Replies being generated, fed by stream events. Events are applied at once (so sequence numbers
 * stay exact) but shown at most once per animation frame: a fast stream costs one render per frame, and
 * only the components of the replies that changed render again.
 */
export function createLiveReplies({
  schedule = (flush) => requestAnimationFrame(flush),
}: {
  schedule?: Schedule;
} = {}) {
  const shown = new Map<string, LiveReply>();
  const latest = new Map<string, Building>();
  const listeners = new Map<string, Set<() => void>>();
  const changed = new Set<string>();
  let flushScheduled = false;

  function flush() {
    flushScheduled = false;
    for (const replyId of changed) {
      const reply = latest.get(replyId);
      if (reply) shown.set(replyId, { parts: reply.builder.parts, lastSeq: reply.lastSeq, error: reply.error });
      else shown.delete(replyId);
      for (const listener of listeners.get(replyId) ?? []) listener();
    }
    changed.clear();
  }

  function markChanged(replyId: string) {
    changed.add(replyId);
    if (!flushScheduled) {
      flushScheduled = true;
      schedule(flush);
    }
  }

  return {
    /** Adds one event; an event at or before the last sequence number seen is a repeat and is ignored. */
    apply(replyId: string, { seq, part }: StreamEvent) {
      const current = latest.get(replyId) ?? { builder: EMPTY_PARTS, lastSeq: 0, error: undefined };
      if (seq <= current.lastSeq) return;
      const error = part.type === "error" && typeof part.errorText === "string" ? part.errorText : current.error;
      latest.set(replyId, { builder: applyChunk(current.builder, part), lastSeq: seq, error });
      markChanged(replyId);
    },
    /** Shows `text` under a reply's live parts (where a provider's error shows), without an event of its own. */
    notice(replyId: string, text: string) {
      const current = latest.get(replyId) ?? { builder: EMPTY_PARTS, lastSeq: 0, error: undefined };
      latest.set(replyId, { ...current, error: text });
      markChanged(replyId);
    },
    /** The last sequence number applied, to resume after it. */
    lastSeq: (replyId: string) => latest.get(replyId)?.lastSeq ?? 0,
    get: (replyId: string) => shown.get(replyId),
    /** Forgets a reply once its persisted message is the record. */
    forget(replyId: string) {
      if (!latest.delete(replyId)) return;
      markChanged(replyId);
    },
    subscribe(replyId: string, listener: () => void) {
      const set = listeners.get(replyId) ?? new Set();
      set.add(listener);
      listeners.set(replyId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(replyId);
      };
    },
  };
}
export type LiveReplies = ReturnType<typeof createLiveReplies>;

/** The live parts of one reply, re-rendering only this component when it changes. */
export function useLiveReply(live: LiveReplies, replyId: string): LiveReply | undefined {
  const subscribe = useCallback((listener: () => void) => live.subscribe(replyId, listener), [live, replyId]);
  return useSyncExternalStore(subscribe, () => live.get(replyId));
}
