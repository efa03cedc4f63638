import type { Message, SendMessageBody } from "@slipstream/protocol";
import { useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import type { ConversationsState } from "../sidebar/use-conversations.ts";

/**
 * Sending, editing, regenerating, stopping and deleting branches, through the SDK. Each send names its parent, so the
 * answer continues the branch on screen rather than whatever the server saw last.
 */
export function useChatActions({
  conversationId,
  model,
  tools,
  spaceId,
  conversations,
  openConversation,
  upsert,
  remove,
  showLeaf,
}: {
  conversationId: string | undefined;
  model: string | undefined;
  /** The tools a new conversation starts with. */
  tools: readonly string[];
  /** The space a new conversation starts in. */
  spaceId: string | undefined;
  conversations: ConversationsState;
  openConversation: (id: string) => void;
  upsert: (messages: Message[]) => void;
  remove: (ids: readonly string[]) => void;
  showLeaf: (messageId: string) => void;
}) {
  const client = useClient();
  const { create, refreshOne } = conversations;
  const [error, setError] = useState<string>();

  const send = useCallback(
    async (body: SendMessageBody): Promise<boolean> => {
      setError(undefined);
      try {
        let id = conversationId;
        if (!id) {
          id = (
            await create({
              ...(model ? { model } : {}),
              ...(tools.length > 0 ? { tools: [...tools] } : {}),
              ...(spaceId ? { spaceId } : {}),
            })
          ).id;
          openConversation(id);
        }
        const { message, reply } = await client.messages.send(id, { ...body, ...(model ? { model } : {}) });
        upsert([message, reply]);
        showLeaf(reply.id);
        // The server titled the conversation and moved it to the top; show that in the sidebar.
        void refreshOne(id);
        return true;
      } catch (failure) {
        console.error("sending failed", failure);
        setError(failure instanceof Error ? `Not sent: ${failure.message}` : "Not sent.");
        return false;
      }
    },
    [client, conversationId, model, tools, spaceId, create, openConversation, upsert, showLeaf, refreshOne],
  );

  const stop = useCallback(
    (reply: Message | undefined) => {
      if (!reply?.streamId) return;
      client.streams.cancel(reply.streamId).catch((failure: unknown) => {
        console.error("stopping failed", failure);
        setError("Could not stop the answer.");
      });
    },
    [client],
  );

  const removeBranch = useCallback(
    async (message: Message, ids: readonly string[]) => {
      setError(undefined);
      try {
        await client.messages.removeBranch(message.conversationId, message.id);
        // The feed brings the same ids; the deleter sees them gone without waiting for it, and the thread goes on
        // from the parent's newest remaining branch.
        remove(ids);
        if (message.parentId) showLeaf(message.parentId);
      } catch (failure) {
        console.error("deleting failed", failure);
        setError(failure instanceof Error ? `Not deleted: ${failure.message}` : "Not deleted.");
      }
    },
    [client, remove, showLeaf],
  );

  return { send, stop, removeBranch, error };
}
