import { SlipstreamError } from "@slipstream/client";
import type {
  Conversation,
  ConversationListItem,
  CreateConversationBody,
  UpdateConversationBody,
} from "@slipstream/protocol";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useClient } from "../app/client.ts";
import { sortConversations } from "./sort-conversations.ts";

/** How long a deleted conversation can be brought back before it is deleted on the server. */
export const UNDO_DELETE_MS = 6000;

/** A conversation in the sidebar: the list says the user's role in it and whether it is shared; other reads do not. */
export type ListedConversation = Conversation & Partial<Pick<ConversationListItem, "role" | "shared">>;

export type PendingDelete = { conversation: Conversation; timer: ReturnType<typeof setTimeout> };

/** The signed-in user's conversations, newest first, with create, rename and delete-with-undo. */
export function useConversations({ onError }: { onError: (message: string) => void }) {
  const client = useClient();
  const [conversations, setConversations] = useState<Map<string, ListedConversation>>(() => new Map());
  const [loaded, setLoaded] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<PendingDelete>();
  const pending = useRef<PendingDelete | undefined>(undefined);

  const upsert = useCallback((conversation: ListedConversation) => {
    setConversations((current) =>
      new Map(current).set(conversation.id, { ...current.get(conversation.id), ...conversation }),
    );
  }, []);
  const drop = useCallback((id: string) => {
    setConversations((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  }, []);

  const refresh = useCallback(async () => {
    try {
      const list = await client.conversations.list();
      setConversations(new Map(list.filter((c) => c.id !== pending.current?.conversation.id).map((c) => [c.id, c])));
      setLoaded(true);
    } catch (error) {
      console.error("listing conversations failed", error);
      onError("Could not load your conversations.");
    }
  }, [client, onError]);

  /** Reads the list again for one conversation's entry (its role and shared mark), when it is in the list. */
  const refreshListed = useCallback(
    async (id: string) => {
      try {
        const listed = (await client.conversations.list()).find((conversation) => conversation.id === id);
        if (listed) upsert(listed);
      } catch (error) {
        console.error("listing conversations failed", error);
      }
    },
    [client, upsert],
  );

  /** Reads one conversation again (its title or activity changed); false when it no longer exists. */
  const refreshOne = useCallback(
    async (id: string) => {
      try {
        upsert(await client.conversations.get(id));
        return true;
      } catch (error) {
        if (error instanceof SlipstreamError && error.status === 404) {
          drop(id);
          return false;
        }
        console.error("reading a conversation failed", error);
        return true;
      }
    },
    [client, upsert, drop],
  );

  // Later changes arrive live (the workspace watches every conversation) or by a refresh after a reconnect.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const create = useCallback(
    async (body: CreateConversationBody) => {
      const conversation = await client.conversations.create(body);
      upsert(conversation);
      return conversation;
    },
    [client, upsert],
  );

  const update = useCallback(
    async (id: string, body: UpdateConversationBody) => {
      try {
        upsert(await client.conversations.update(id, body));
      } catch (error) {
        console.error("updating a conversation failed", error);
        onError(
          body.title
            ? "Could not rename the conversation."
            : body.model
              ? "Could not change the model."
              : body.tools
                ? "Could not change the tools."
                : "Could not save the conversation's settings.",
        );
      }
    },
    [client, upsert, onError],
  );

  const commitDelete = useCallback(
    async (entry: PendingDelete) => {
      clearTimeout(entry.timer);
      if (pending.current === entry) {
        pending.current = undefined;
        setPendingDelete(undefined);
      }
      try {
        await client.conversations.remove(entry.conversation.id);
      } catch (error) {
        if (error instanceof SlipstreamError && error.status === 404) return;
        console.error("deleting a conversation failed", error);
        upsert(entry.conversation);
        onError(`Could not delete “${entry.conversation.title}”.`);
      }
    },
    [client, upsert, onError],
  );

  /** Hides the conversation at once and deletes it for good unless `undoDelete` comes first. */
  const remove = useCallback(
    (conversation: Conversation) => {
      if (pending.current) void commitDelete(pending.current);
      drop(conversation.id);
      const entry: PendingDelete = { conversation, timer: setTimeout(() => void commitDelete(entry), UNDO_DELETE_MS) };
      pending.current = entry;
      setPendingDelete(entry);
    },
    [drop, commitDelete],
  );

  const undoDelete = useCallback(() => {
    const entry = pending.current;
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.current = undefined;
    setPendingDelete(undefined);
    upsert(entry.conversation);
  }, [upsert]);

  // Leaving the page ends the undo window: the delete is sent rather than forgotten.
  useEffect(() => {
    const flush = () => pending.current && void commitDelete(pending.current);
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [commitDelete]);

  const sorted = useMemo(() => sortConversations(conversations.values()), [conversations]);
  return {
    conversations: sorted,
    byId: conversations,
    loaded,
    pendingDelete,
    create,
    update,
    remove,
    undoDelete,
    upsert,
    drop,
    refresh,
    refreshOne,
    refreshListed,
  };
}
export type ConversationsState = ReturnType<typeof useConversations>;
