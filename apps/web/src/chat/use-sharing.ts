import { SlipstreamError } from "@slipstream/client";
import { type ConversationRole, type Member, type PresenceUser, strongestRole } from "@slipstream/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useClient } from "../app/client.ts";
import type { Realtime } from "../connection/realtime.ts";
import type { Authors } from "./authors.ts";

/** How long after the last keystroke someone stops showing as typing. */
const TYPING_IDLE_MS = 3_000;

/**
 * The people of the open conversation: its members (and those of its space) and the reader's role, who is there
 * now, and this page's own presence (viewing, and typing while the composer changes).
 */
export function useSharing({
  conversationId,
  spaceId,
  realtime,
  me,
}: {
  conversationId: string | undefined;
  /** The open conversation's space, whose people reach it by their space role. */
  spaceId: string | null | undefined;
  realtime: Realtime;
  me: string;
}) {
  const client = useClient();
  const [members, setMembers] = useState<Member[]>([]);
  const [spaceMembers, setSpaceMembers] = useState<Member[]>([]);
  const [present, setPresent] = useState<PresenceUser[]>([]);

  const reload = useCallback(async () => {
    if (!conversationId) {
      setSpaceMembers([]);
      return setMembers([]);
    }
    try {
      const [listed, ofSpace] = await Promise.all([
        client.members.list(conversationId),
        spaceId ? client.spaces.members.list(spaceId) : [],
      ]);
      setMembers(listed);
      setSpaceMembers(ofSpace);
    } catch (error) {
      // A conversation that does not exist (or no longer includes this user) says so in the chat itself.
      if (error instanceof SlipstreamError && error.status === 404) {
        setSpaceMembers([]);
        return setMembers([]);
      }
      console.error("listing members failed", error);
    }
  }, [client, conversationId, spaceId]);

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

  // The strongest role the reader holds, in the conversation or through its space.
  const role: ConversationRole = conversationId
    ? (strongestRole([...members, ...spaceMembers].filter((member) => member.userId === me).map((m) => m.role)) ??
      "owner")
    : "owner";
  const authors = useMemo<Authors | null>(() => {
    const names = new Map([...spaceMembers, ...members].map((member) => [member.userId, member.name || member.email]));
    return names.size > 1 ? { me, names } : null;
  }, [members, spaceMembers, me]);
  const others = present.filter((user) => user.id !== me);
  return { me, members, role, authors, others, reload, onTyping };
}
export type Sharing = ReturnType<typeof useSharing>;
