import { SlipstreamError, StreamGoneError } from "@slipstream/client";
import type { Message } from "@slipstream/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import { useClient } from "../app/client.ts";
import type { FeedFrame, Realtime } from "../connection/realtime.ts";
import type { LiveReplies } from "./live-replies.ts";
import { mergeMessages, withoutMessages } from "./merge-messages.ts";

export type LoadState = "loading" | "ready" | "missing" | "failed";

/** Shown under a reply whose live stream was lost (the server's stream store restarted) until its saved text loads. */
export const STREAM_GONE_NOTICE = "The live stream of this reply was lost; it shows here in full once it is saved.";

/**
 * The messages of one conversation, kept live: loaded once as a snapshot, then updated by the watch from the
 * snapshot's version on (a reconnect resumes it where it was; only `resync` loads again), and each reply still
 * `streaming` followed from where this page is (the start, after a reload) to its end.
 */
export function useConversationMessages({
  conversationId,
  realtime,
  live,
  onConversationFrame,
}: {
  conversationId: string | undefined;
  realtime: Realtime;
  live: LiveReplies;
  onConversationFrame: (frame: FeedFrame) => void;
}) {
  const client = useClient();
  const [messages, setMessages] = useState<Map<string, Message>>(() => new Map());
  const [loadState, setLoadState] = useState<LoadState>("loading");
  const followed = useRef(new Map<string, () => void>());
  const onFrame = useRef(onConversationFrame);
  onFrame.current = onConversationFrame;
  const latest = useRef(messages);
  latest.current = messages;

  const upsert = useCallback((incoming: Message[]) => setMessages((current) => mergeMessages(current, incoming)), []);
  const remove = useCallback((ids: readonly string[]) => setMessages((current) => withoutMessages(current, ids)), []);

  /** Loads the messages, and resolves with the version they are as of (undefined when they could not be loaded). */
  const load = useCallback(async (): Promise<number | undefined> => {
    if (!conversationId) return;
    try {
      const snapshot = await client.history.snapshot(conversationId);
      setMessages((current) => {
        const kept = [...current.values()].filter((message) => message.conversationId === conversationId);
        return mergeMessages(new Map(kept.map((message) => [message.id, message])), snapshot.messages);
      });
      setLoadState("ready");
      return snapshot.version;
    } catch (error) {
      if (error instanceof SlipstreamError && error.status === 404) setLoadState("missing");
      else {
        console.error("loading messages failed", error);
        setLoadState("failed");
      }
    }
  }, [client, conversationId]);

  useEffect(() => {
    setLoadState(conversationId ? "loading" : "ready");
    if (!conversationId) {
      setMessages(new Map());
      return;
    }
    let stopWatching = () => {};
    let ended = false;
    const start = async () => {
      const version = await load();
      if (ended || version === undefined) return;
      stopWatching = realtime.watch(conversationId, version, (frame) => {
        if (frame.type === "resync") {
          stopWatching();
          return void start();
        }
        if (frame.type === "message") upsert([frame.message]);
        if (frame.type === "deleted") remove(frame.messageIds);
        onFrame.current(frame);
      });
    };
    void start();
    const following = followed.current;
    return () => {
      ended = true;
      stopWatching();
      for (const stop of following.values()) stop();
      following.clear();
    };
  }, [conversationId, realtime, load, upsert, remove]);

  // Follow every reply that is still being generated; stop once its final state is known.
  useEffect(() => {
    const following = followed.current;
    for (const message of messages.values()) {
      const { streamId } = message;
      if (message.conversationId !== conversationId || !streamId) continue;
      if (message.status !== "streaming") {
        following.get(message.id)?.();
        following.delete(message.id);
        live.forget(message.id);
        continue;
      }
      if (following.has(message.id)) continue;
      const stop = realtime.followStream(streamId, live.lastSeq(message.id), {
        onEvent: (event) => live.apply(message.id, event),
        // The feed brings the final message; reload if its frame was missed while reconnecting.
        onDone: () =>
          setTimeout(() => {
            if (latest.current.get(message.id)?.status === "streaming") void load();
          }, 1000),
        // A lost stream names the saved reply: load it (a watch brings it later if it is still being written).
        onError: (error) => {
          if (error instanceof StreamGoneError) live.notice(message.id, STREAM_GONE_NOTICE);
          void load();
        },
      });
      following.set(message.id, stop);
    }
  }, [messages, conversationId, realtime, live, load]);

  return { messages, loadState, upsert, remove };
}
