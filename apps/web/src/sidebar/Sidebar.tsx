import type { Conversation, Space, User } from "@slipstream/protocol";
import { useId, useMemo, useState } from "react";
import { CloseIcon, GearIcon, PlusIcon, ShieldIcon, SignOutIcon } from "../ui/icons.tsx";
import { ConversationItem } from "./ConversationItem.tsx";
import { SearchResults } from "./SearchResults.tsx";
import { SpacesSection } from "./SpacesSection.tsx";
import { filterConversations } from "./sort-conversations.ts";
import type { ListedConversation } from "./use-conversations.ts";

type Props = {
  user: User;
  conversations: ListedConversation[];
  loaded: boolean;
  activeId: string | undefined;
  open: boolean;
  onClose: () => void;
  onNewChat: () => void;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (conversation: Conversation) => void;
  onSignOut: () => void;
  onOpenSettings: () => void;
  onOpenAdmin: () => void;
  spaces: Space[];
  /** The space whose conversations are shown, and where a new chat starts; all conversations without one. */
  space: Space | undefined;
  onSelectSpace: (id: string | undefined) => void;
  onCreateSpace: (name: string) => void;
  onOpenSpaceSettings: (space: Space) => void;
};

/**
 * The spaces, then the conversations (of the picked space, or all), newest first, with a search over titles and
 * messages; on a phone it slides over the chat.
 */
export function Sidebar(props: Props) {
  const { user, conversations, loaded, activeId, open, space } = props;
  const [query, setQuery] = useState("");
  const searchId = useId();
  const shown = useMemo(
    () =>
      filterConversations(
        space ? conversations.filter((conversation) => conversation.spaceId === space.id) : conversations,
        query,
      ),
    [conversations, query, space],
  );

  return (
    <nav className={open ? "sidebar open" : "sidebar"} aria-label="Conversations">
      <div className="sidebar-top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Slipstream
        </div>
        <button type="button" className="icon-button sidebar-close" aria-label="Close sidebar" onClick={props.onClose}>
          <CloseIcon />
        </button>
      </div>
      <button type="button" className="button new-chat" onClick={props.onNewChat}>
        <PlusIcon />
        {space ? `New chat in ${space.name}` : "New chat"}
      </button>
      <SpacesSection
        spaces={props.spaces}
        selected={space}
        onSelect={props.onSelectSpace}
        onCreate={props.onCreateSpace}
        onOpenSettings={props.onOpenSpaceSettings}
      />
      <label className="visually-hidden" htmlFor={searchId}>
        Search conversations
      </label>
      <input
        id={searchId}
        className="search"
        type="search"
        placeholder="Search conversations"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {loaded && shown.length === 0 && (
        <p className="sidebar-empty">
          {query ? "No conversation matches." : space ? "No conversations in this space yet." : "No conversations yet."}
        </p>
      )}
      <ul className="conversation-list" aria-label={space ? `Conversations in ${space.name}` : "Your conversations"}>
        {shown.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            active={conversation.id === activeId}
            onOpen={props.onOpen}
            onRename={props.onRename}
            onDelete={props.onDelete}
          />
        ))}
      </ul>
      {query && <SearchResults query={query} onOpen={props.onOpen} />}
      <div className="sidebar-footer">
        <span className="avatar" aria-hidden="true">
          {(user.name ?? user.email).slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name" title={user.email}>
          {user.name ?? user.email}
        </span>
        {user.role === "admin" && (
          <button
            type="button"
            className="icon-button"
            aria-label="Administration"
            title="Administration"
            onClick={props.onOpenAdmin}
          >
            <ShieldIcon />
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Settings"
          title="Settings"
          onClick={props.onOpenSettings}
        >
          <GearIcon />
        </button>
        <button type="button" className="icon-button" aria-label="Sign out" title="Sign out" onClick={props.onSignOut}>
          <SignOutIcon />
        </button>
      </div>
    </nav>
  );
}
