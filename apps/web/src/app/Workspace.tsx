import type { Space, User } from "@slipstream/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import { AdminScreen } from "../admin/AdminScreen.tsx";
import { ChatScreen } from "../chat/ChatScreen.tsx";
import { createLiveReplies } from "../chat/live-replies.ts";
import { ConnectionBanner } from "../connection/ConnectionBanner.tsx";
import { createRealtime, type FeedFrame, type Realtime } from "../connection/realtime.ts";
import { SettingsScreen } from "../settings/SettingsScreen.tsx";
import { plainTitle } from "../sidebar/plain-title.ts";
import { Sidebar } from "../sidebar/Sidebar.tsx";
import { SpaceSettingsDialog } from "../sidebar/SpaceSettingsDialog.tsx";
import { useConversations } from "../sidebar/use-conversations.ts";
import { useSpaces } from "../sidebar/use-spaces.ts";
import { Toast } from "../ui/Toast.tsx";
import { useClient } from "./client.ts";
import { EMPTY_CATALOG, type ModelCatalog } from "./model-catalog.ts";
import { useRoute } from "./use-route.ts";

/** The signed-in app: sidebar, the open conversation, the live connection and its banner. */
export function Workspace({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const client = useClient();
  const { route, openConversation, openPage } = useRoute();
  const [realtime, setRealtime] = useState<Realtime>();
  const [live] = useState(() => createLiveReplies());
  const [catalog, setCatalog] = useState<ModelCatalog>(EMPTY_CATALOG);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [notice, setNotice] = useState<string>();
  const conversations = useConversations({ onError: setNotice });
  const { refreshOne, upsert, drop, refreshListed } = conversations;
  const spaces = useSpaces({ onError: setNotice });
  const [spaceSettings, setSpaceSettings] = useState<Space>();

  const { refresh } = conversations;
  const { refresh: refreshSpaces, byId: spacesById } = spaces;
  useEffect(() => {
    const connection = createRealtime(client, { onSessionRevoked: onSignedOut });
    setRealtime(connection);
    const stopReconnect = connection.onReconnect(() => {
      void refresh();
      void refreshSpaces();
    });
    return () => {
      stopReconnect();
      connection.close();
    };
  }, [client, onSignedOut, refresh, refreshSpaces]);

  // Keys and model rules change which models are offered: the settings pages ask for the list again.
  const [catalogVersion, setCatalogVersion] = useState(0);
  const reloadCatalog = useCallback(() => setCatalogVersion((version) => version + 1), []);
  useEffect(() => {
    void catalogVersion;
    client.models.catalog().then(setCatalog, (error: unknown) => {
      console.error("listing models failed", error);
      setNotice("Could not load the list of models.");
    });
  }, [client, catalogVersion]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(undefined), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const open = useCallback(
    (id: string | undefined) => {
      openConversation(id);
      setSidebarOpen(false);
    },
    [openConversation],
  );

  const onConversationFrame = useCallback(
    (frame: FeedFrame) => {
      if (frame.type === "message") return void refreshOne(frame.conversationId);
      if (frame.type === "deleted") return;
      if (frame.action === "deleted" || frame.action === "removed") {
        drop(frame.conversationId);
        if (frame.conversationId === route.conversationId) openConversation(undefined, { replace: true });
      } else if (frame.conversation) upsert(frame.conversation);
      // One shared with this user just now: the list says their role in it and marks it shared.
      if (frame.action === "created" && frame.conversation) void refreshListed(frame.conversationId);
      // In a space this page does not know yet (the user was just added to it), or lost (maybe with its space).
      const spaceId = frame.conversation?.spaceId;
      if ((spaceId && !spacesById.has(spaceId)) || frame.action === "removed") void refreshSpaces();
    },
    [refreshOne, drop, upsert, route.conversationId, openConversation, refreshListed, spacesById, refreshSpaces],
  );

  // The sidebar follows every conversation of the user, so one started or renamed on another device shows up here.
  useEffect(() => realtime?.watchConversations(onConversationFrame), [realtime, onConversationFrame]);

  // The share page's "Continue this conversation" lands here (after signing in, when the reader was not).
  const copying = useRef<string | undefined>(undefined);
  const { shareToContinue } = route;
  useEffect(() => {
    if (!shareToContinue || copying.current === shareToContinue) return;
    copying.current = shareToContinue;
    client.shares.copy(shareToContinue).then(
      (copy) => {
        upsert(copy);
        openConversation(copy.id, { replace: true });
      },
      (error: unknown) => {
        console.error("copying a shared conversation failed", error);
        setNotice("Could not continue that shared conversation: the link may have been revoked.");
        openConversation(undefined, { replace: true });
      },
    );
  }, [client, shareToContinue, upsert, openConversation]);

  async function signOut() {
    try {
      await client.auth.logout();
    } catch (error) {
      console.error("signing out failed", error);
    }
    window.history.replaceState(null, "", "/");
    onSignedOut();
  }

  const { pendingDelete } = conversations;
  const active = route.conversationId;
  return (
    <div className="workspace">
      <Sidebar
        user={user}
        conversations={conversations.conversations}
        loaded={conversations.loaded}
        activeId={active}
        open={sidebarOpen}
        onClose={() => setSidebarOpen(false)}
        onNewChat={() => open(undefined)}
        onOpen={open}
        onRename={(id, title) => void conversations.update(id, { title })}
        onDelete={(conversation) => {
          conversations.remove(conversation);
          if (conversation.id === active) openConversation(undefined, { replace: true });
        }}
        onSignOut={() => void signOut()}
        onOpenSettings={() => {
          openPage("settings");
          setSidebarOpen(false);
        }}
        onOpenAdmin={() => {
          openPage("admin");
          setSidebarOpen(false);
        }}
        spaces={spaces.spaces}
        space={spaces.selected}
        onSelectSpace={spaces.select}
        onCreateSpace={(name) => void spaces.create(name)}
        onOpenSpaceSettings={setSpaceSettings}
      />
      {spaceSettings && (
        <SpaceSettingsDialog
          space={spaceSettings}
          me={user.id}
          onChanged={() => void refreshSpaces()}
          onGone={() => {
            spaces.select(undefined);
            void refresh();
          }}
          onClose={() => setSpaceSettings(undefined)}
        />
      )}
      {sidebarOpen && <div className="scrim" aria-hidden="true" onClick={() => setSidebarOpen(false)} />}
      <div className="main-column">
        {realtime && <ConnectionBanner realtime={realtime} />}
        {route.page === "settings" && (
          <SettingsScreen
            user={user}
            section={route.section}
            onSection={(section) => openPage("settings", section)}
            onSignedOut={onSignedOut}
            onModelsChanged={reloadCatalog}
            onImported={() => void refresh()}
            onOpenSidebar={() => setSidebarOpen(true)}
          />
        )}
        {route.page === "admin" && (
          <AdminScreen
            user={user}
            section={route.section}
            onSection={(section) => openPage("admin", section)}
            onModelsChanged={reloadCatalog}
            onOpenSidebar={() => setSidebarOpen(true)}
          />
        )}
        {realtime && !route.page && (
          <ChatScreen
            conversationId={active}
            conversation={active ? conversations.byId.get(active) : undefined}
            conversations={conversations}
            catalog={catalog}
            realtime={realtime}
            live={live}
            openConversation={open}
            onConversationFrame={onConversationFrame}
            onOpenSidebar={() => setSidebarOpen(true)}
            me={user.id}
            spaceId={spaces.selected?.id}
          />
        )}
      </div>
      {pendingDelete && (
        <Toast action={{ label: "Undo", onClick: conversations.undoDelete }}>
          Deleted “{plainTitle(pendingDelete.conversation.title)}”.
        </Toast>
      )}
      {notice && !pendingDelete && <Toast>{notice}</Toast>}
    </div>
  );
}
