import type { PresenceState, PresenceUser } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus, PresenceChange } from "../bus/index.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";

/** When one user is in a conversation from several sockets, the liveliest state shows. */
const RANK: Record<PresenceState, number> = { typing: 3, viewing: 2, away: 1 };

type Listener = (users: PresenceUser[]) => void;

/**
 * Who is viewing or typing in which conversation, on every instance: each socket's state travels over the bus, and
 * every instance keeps what it has heard since it started. A socket that closes clears its entries everywhere (an
 * instance that dies leaves its sockets' entries until their users come back).
 */
export function createPresence({
  bus,
  access,
  store,
}: {
  bus: Bus;
  access: AccessPolicy;
  store: Pick<Store, "users">;
}) {
  const entries = new Map<string, Map<string, { user: PresenceChange["user"]; state: PresenceState }>>();
  const listeners = new Map<string, Set<Listener>>();

  const usersIn = (conversationId: string): PresenceUser[] => {
    const byUser = new Map<string, PresenceUser>();
    for (const { user, state } of entries.get(conversationId)?.values() ?? []) {
      const seen = byUser.get(user.id);
      if (!seen || RANK[state] > RANK[seen.state]) byUser.set(user.id, { id: user.id, name: user.name, state });
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  };

  bus.subscribe("presence.changed", ({ conversationId, connectionId, user, state }) => {
    const inConversation = entries.get(conversationId) ?? new Map();
    if (state === null) inConversation.delete(connectionId);
    else inConversation.set(connectionId, { user, state });
    if (inConversation.size === 0) entries.delete(conversationId);
    else entries.set(conversationId, inConversation);
    const users = usersIn(conversationId);
    for (const listener of listeners.get(conversationId) ?? []) listener(users);
  });

  return {
    /** Tells every watcher of the conversation what this socket's user is doing there. */
    async set({
      principal,
      connectionId,
      conversationId,
      state,
    }: {
      principal: Principal;
      connectionId: string;
      conversationId: string;
      state: PresenceState;
    }) {
      await access.requireAccess({ principal, action: "conversation.read", conversationId });
      const account = await store.users.findUserById({ id: principal.userId });
      const user = { id: principal.userId, name: account?.name || account?.email.split("@")[0] || "Someone" };
      await bus.publish("presence.changed", { conversationId, connectionId, user, state });
    },

    /** Clears what a socket said, in every conversation it said it about (it closed, or stopped watching one). */
    async clear({
      principal,
      connectionId,
      conversationIds,
    }: {
      principal: Principal;
      connectionId: string;
      conversationIds: Iterable<string>;
    }) {
      const user = { id: principal.userId, name: "" };
      await Promise.all(
        [...conversationIds].map((conversationId) =>
          bus.publish("presence.changed", { conversationId, connectionId, user, state: null }),
        ),
      );
    },

    /** Calls `listener` with who is there now, then on every change, until the returned function is called. */
    watch({ conversationId, listener }: { conversationId: string; listener: Listener }): () => void {
      const set = listeners.get(conversationId) ?? new Set();
      set.add(listener);
      listeners.set(conversationId, set);
      listener(usersIn(conversationId));
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(conversationId);
      };
    },
  };
}
export type Presence = ReturnType<typeof createPresence>;
