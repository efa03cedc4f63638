import type { Conversation, Message } from "@slipstream/protocol";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useClient } from "../app/client.ts";
import type { ModelCatalog } from "../app/model-catalog.ts";
import type { FeedFrame, Realtime } from "../connection/realtime.ts";
import { plainTitle } from "../sidebar/plain-title.ts";
import type { ConversationsState } from "../sidebar/use-conversations.ts";
import { MenuIcon, SlidersIcon, UsersIcon } from "../ui/icons.tsx";
import { AuthorsContext } from "./authors.ts";
import { Composer } from "./Composer.tsx";
import { ConversationSettings } from "./ConversationSettings.tsx";
import type { LiveReplies } from "./live-replies.ts";
import { MessageList, type MessageListHandle } from "./MessageList.tsx";
import { ModelPicker } from "./ModelPicker.tsx";
import { type MessageActions, MessageActionsContext } from "./message-actions.ts";
import { branchIds, buildTree, newestLeafUnder, visiblePath } from "./message-tree.ts";
import { PresenceBar } from "./PresenceBar.tsx";
import { preferredModel, rememberPreferredModel } from "./preferred-model.ts";
import { ShareDialog } from "./ShareDialog.tsx";
import { ToolsMenu } from "./ToolsMenu.tsx";
import { useChatActions } from "./use-chat-actions.ts";
import { useConversationMessages } from "./use-conversation-messages.ts";
import { useSharing } from "./use-sharing.ts";
import { useToolCatalog } from "./use-tool-catalog.ts";

type Props = {
  conversationId: string | undefined;
  conversation: Conversation | undefined;
  conversations: ConversationsState;
  catalog: ModelCatalog;
  realtime: Realtime;
  live: LiveReplies;
  openConversation: (id: string | undefined) => void;
  onConversationFrame: (frame: FeedFrame) => void;
  onOpenSidebar: () => void;
  /** The signed-in user's id. */
  me: string;
  /** The space a new conversation starts in (the one picked in the sidebar), if any. */
  spaceId: string | undefined;
};

/** The open conversation (or a new one): its thread on the chosen branch, the model, and the composer. */
export function ChatScreen(props: Props) {
  const { conversationId, conversation, conversations, catalog, realtime, live } = props;
  const { messages, loadState, upsert, remove } = useConversationMessages({
    conversationId,
    realtime,
    live,
    onConversationFrame: props.onConversationFrame,
  });
  const [leaf, setLeaf] = useState<{ conversationId: string | undefined; messageId: string }>();
  const leafId = leaf && leaf.conversationId === conversationId ? leaf.messageId : undefined;
  const showLeaf = useCallback((messageId: string) => setLeaf({ conversationId, messageId }), [conversationId]);
  const list = useRef<MessageListHandle>(null);
  const client = useClient();

  const [draftModel, setDraftModel] = useState<string>();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const sharing = useSharing({ conversationId, spaceId: conversation?.spaceId, realtime, me: props.me });
  const canSend = sharing.role !== "viewer";
  // Read on every render: a model chosen in another conversation is the one the next new chat starts with.
  const model =
    conversation?.model ??
    draftModel ??
    preferredModel({
      available: catalog.models.map((entry) => entry.id),
      unreachableProviders: catalog.providers.filter((p) => p.status === "unreachable").map((p) => p.id),
    });

  const chosen = catalog.models.find((entry) => entry.id === model);

  const toolCatalog = useToolCatalog();
  const [draftTools, setDraftTools] = useState<readonly string[]>([]);
  const enabledTools = conversation?.tools ?? draftTools;

  const tree = useMemo(
    () => buildTree([...messages.values()].filter((message) => message.conversationId === conversationId)),
    [messages, conversationId],
  );
  const path = useMemo(() => visiblePath(tree, leafId), [tree, leafId]);
  const last = path.at(-1);
  const streamingReply = last?.status === "streaming" ? last : undefined;

  const { send, stop, removeBranch, error } = useChatActions({
    conversationId,
    model,
    tools: enabledTools,
    spaceId: props.spaceId,
    conversations,
    openConversation: props.openConversation,
    upsert,
    remove,
    showLeaf,
  });

  const latest = useRef({ send, removeBranch, tree, showLeaf });
  latest.current = { send, removeBranch, tree, showLeaf };
  const actions = useMemo<MessageActions>(
    () => ({
      showVersion: (message: Message) => latest.current.showLeaf(newestLeafUnder(latest.current.tree, message).id),
      regenerate: (reply: Message) => void latest.current.send({ parentId: reply.parentId }),
      edit: (message: Message, content: string) => void latest.current.send({ content, parentId: message.parentId }),
      removeBranch: (message: Message) =>
        void latest.current.removeBranch(message, branchIds(latest.current.tree, message)),
      readOnly: !canSend,
    }),
    [canSend],
  );

  const onStop = useCallback(() => stop(streamingReply), [stop, streamingReply]);
  useEffect(() => {
    if (!streamingReply) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && !event.defaultPrevented && onStop();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [streamingReply, onStop]);

  function changeModel(modelId: string) {
    rememberPreferredModel(modelId);
    if (conversationId) void conversations.update(conversationId, { model: modelId });
    else setDraftModel(modelId);
  }

  function changeTools(ids: string[]) {
    if (conversationId) void conversations.update(conversationId, { tools: ids });
    else setDraftTools(ids);
  }

  const onSend = async (content: string, attachments: string[]) => {
    list.current?.scrollToEnd();
    return send({ content, parentId: last?.id ?? null, ...(attachments.length > 0 ? { attachments } : {}) });
  };
  const onUpload = useCallback((file: File) => client.files.upload(file), [client]);

  const title = conversationId ? plainTitle(conversation?.title ?? "") : "New chat";
  return (
    <main className="chat" aria-label={title || "Chat"}>
      <header className="chat-header">
        <button
          type="button"
          className="icon-button sidebar-toggle"
          aria-label="Open sidebar"
          onClick={props.onOpenSidebar}
        >
          <MenuIcon />
        </button>
        <h1 className="chat-title">{title}</h1>
        <PresenceBar users={sharing.others} />
        {conversation && (
          <button
            type="button"
            className="icon-button"
            aria-label="Share"
            title="Share"
            onClick={() => setShareOpen(true)}
          >
            <UsersIcon />
          </button>
        )}
        {conversation && sharing.role === "owner" && (
          <button
            type="button"
            className="icon-button"
            aria-label="Conversation settings"
            title="Conversation settings"
            onClick={() => setSettingsOpen(true)}
          >
            <SlidersIcon />
          </button>
        )}
      </header>
      {settingsOpen && conversation && (
        <ConversationSettings
          conversation={conversation}
          onSave={async (body) => {
            await conversations.update(conversation.id, body);
          }}
          onClose={() => setSettingsOpen(false)}
        />
      )}
      {shareOpen && conversationId && (
        <ShareDialog
          conversationId={conversationId}
          sharing={sharing}
          onChanged={() => void conversations.refreshListed(conversationId)}
          onClose={() => setShareOpen(false)}
        />
      )}
      <AuthorsContext value={sharing.authors}>
        <MessageActionsContext value={actions}>
          <MessageList
            key={conversationId ?? "new"}
            ref={list}
            path={path}
            tree={tree}
            live={live}
            busy={!!streamingReply}
          >
            {path.length === 0 && loadState !== "loading" && <EmptyState loadState={loadState} />}
          </MessageList>
        </MessageActionsContext>
      </AuthorsContext>
      <div className="composer-area">
        {error && (
          <p className="composer-error" role="alert">
            {error}
          </p>
        )}
        {loadState !== "missing" && !canSend && (
          <p className="read-only-note">You can read and follow this conversation; only its editors can write.</p>
        )}
        {loadState !== "missing" && canSend && (
          <Composer
            onTyping={conversationId ? sharing.onTyping : undefined}
            streaming={!!streamingReply}
            onSend={onSend}
            onStop={onStop}
            onUpload={onUpload}
            imagesUnseenBy={chosen?.vision === false ? chosen.name : undefined}
            modelPicker={
              <>
                <ModelPicker
                  models={catalog.models}
                  providers={catalog.providers}
                  value={model}
                  onChange={changeModel}
                />
                <ToolsMenu
                  tools={toolCatalog.tools}
                  enabled={enabledTools}
                  onChange={changeTools}
                  onOpen={toolCatalog.refresh}
                />
              </>
            }
          />
        )}
      </div>
    </main>
  );
}

function EmptyState({ loadState }: { loadState: string }) {
  if (loadState === "missing") {
    return (
      <div className="empty-state">
        <h2>This conversation does not exist</h2>
        <p>It may have been deleted. Start a new chat from the sidebar.</p>
      </div>
    );
  }
  if (loadState === "failed") {
    return (
      <div className="empty-state" role="alert">
        <h2>Could not load this conversation</h2>
        <p>It will load again when the connection comes back.</p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <span className="brand-mark large" aria-hidden="true" />
      <h2>What can I help with?</h2>
      <p>Answers stream in as they are written, and keep going if you reload or lose the connection.</p>
    </div>
  );
}
