import type { Conversation } from "@slipstream/protocol";
import { type KeyboardEvent, memo, useState } from "react";
import { conversationPath } from "../app/use-route.ts";
import { PencilIcon, TrashIcon } from "../ui/icons.tsx";
import { plainTitle } from "./plain-title.ts";
import type { ListedConversation } from "./use-conversations.ts";

type Props = {
  conversation: ListedConversation;
  active: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (conversation: Conversation) => void;
};

/** One row of the sidebar: a link to the conversation, and rename / delete buttons. */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  active,
  onOpen,
  onRename,
  onDelete,
}: Props) {
  const [renaming, setRenaming] = useState(false);
  const title = plainTitle(conversation.title);

  function onRenameKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      setRenaming(false);
    }
    if (event.key === "Enter") {
      event.preventDefault();
      const typed = event.currentTarget.value.trim();
      if (typed && typed !== title) onRename(conversation.id, typed);
      setRenaming(false);
    }
  }

  if (renaming) {
    return (
      <li className="conversation-item renaming">
        <input
          className="rename-input"
          aria-label="Conversation title"
          defaultValue={title}
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename.
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={onRenameKey}
          onBlur={() => setRenaming(false)}
        />
      </li>
    );
  }

  return (
    <li className={active ? "conversation-item active" : "conversation-item"}>
      <a
        href={conversationPath(conversation.id)}
        aria-current={active ? "page" : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen(conversation.id);
        }}
      >
        {title}
        {conversation.shared && (
          <span className="shared-badge" title={conversation.role === "owner" ? "You share this" : "Shared with you"}>
            Shared
          </span>
        )}
      </a>
      {conversation.role !== "editor" && conversation.role !== "viewer" && (
        <span className="item-actions">
          <button
            type="button"
            className="icon-button small"
            aria-label={`Rename ${title}`}
            title="Rename"
            onClick={() => setRenaming(true)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="icon-button small"
            aria-label={`Delete ${title}`}
            title="Delete"
            onClick={() => onDelete(conversation)}
          >
            <TrashIcon />
          </button>
        </span>
      )}
    </li>
  );
});
