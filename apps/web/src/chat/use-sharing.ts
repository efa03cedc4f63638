import { SlipstreamError } from "@slipstream/client";
import type { ConversationRole, Member, PresenceUser } from "@slipstream/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useClient } from "../app/client.ts";
import type { Realtime } from "../connection/realtime.ts";
import type { Authors } from "./authors.ts";

/** How long after the last keystroke someone stops showing as typing. */
const TYPING_IDLE_MS = 3_000;

/**
 * The people of the open conversation: its members and the reader's role, who is there now, and this page's own
 * presence (viewing, and typing while the composer changes).
 */
export function useSharing({
  conversationId,
  realtime,
  me,
}: {
  conversationId: string | undefined;
  realtime: Realtime;
  me: string;
}) {
  const client = useClient();
  const [members, setMembers] = useState<Member[]>([]);
  const [present, setPresent] = useState<PresenceUser[]>([]);

  const reload = useCallback(async () => {
    if (!conversationId) return setMembers([]);
    try {
      setMembers(await client.members.list(conversationId));
    } catch (error) {
      // A conversation that does not exist (or no longer includes this user) says so in the chat itself.
      if (error instanceof SlipstreamError && error.status === 404) return setMembers([]);
      console.error("listing members failed", error);
    }
  }, [client, conversationId]);

  useEffect(() => {
    setPresent([]);
    void reload();
    if (!conversationId) return;
    const stop = realtime.onSharing((frame) => {
      if (frame.conversationId !== conversationId) return;
      if (frame.type === "presence") setPresent(frame.users);
      // This user's own removal ends the watch: the `removed` frame after it closes the conversation.
      else if (frame.action !== "removed" || frame.userId !== me) void reload();
    });
    realtime.setPresence(conversationId, "viewing");
    return () => {
      stop();
      realtime.setPresence(conversationId, undefined);
    };
  }, [conversationId, realtime, reload, me]);

  // Typing shows while keys come, then falls back to viewing.
  const [typingAt, setTypingAt] = useState(0);
  useEffect(() => {
    if (!conversationId || typingAt === 0) return;
    realtime.setPresence(conversationId, "typing");
    const timer = setTimeout(() => realtime.setPresence(conversationId, "viewing"), TYPING_IDLE_MS);
    return () => clearTimeout(timer);
  }, [conversationId, realtime, typingAt]);
  const onTyping = useCallback(() => setTypingAt(Date.now()), []);

  const role: ConversationRole = conversationId
    ? (members.find((member) => member.userId === me)?.role ?? "owner")
    : "owner";
  const authors = useMemo<Authors | null>(
    () =>
      members.length > 1
        ? { me, names: new Map(members.map((member) => [member.userId, member.name || member.email])) }
        : null,
    [members, me],
  );
  const others = present.filter((user) => user.id !== me);
  return { me, members, role, authors, others, reload, onTyping };
}
export type Sharing = ReturnType<typeof useSharing>;
