import { useCallback, useEffect, useState } from "react";

/**
 * What the address bar says: the open conversation (`/c/<id>`), a new, unsaved chat (`/`), a page of settings
 * (`/settings/<section>`) or administration (`/admin/<section>`), or a share link to continue as a copy
 * (`/s/<id>/continue`).
 */
export type Route = {
  conversationId: string | undefined;
  page?: "settings" | "admin";
  section?: string;
  shareToContinue?: string;
};

const CONVERSATION_PATH = /^\/c\/([^/]+)\/?$/;
const PAGE_PATH = /^\/(settings|admin)(?:\/([a-z-]+))?\/?$/;
const CONTINUE_PATH = /^\/s\/([^/]+)\/continue\/?$/;

export function parseRoute(pathname: string): Route {
  const page = PAGE_PATH.exec(pathname);
  if (page) return { conversationId: undefined, page: page[1] as Route["page"], section: page[2] };
  const share = CONTINUE_PATH.exec(pathname);
  if (share?.[1]) return { conversationId: undefined, shareToContinue: decodeURIComponent(share[1]) };
  const match = CONVERSATION_PATH.exec(pathname);
  return { conversationId: match?.[1] ? decodeURIComponent(match[1]) : undefined };
}

export function conversationPath(conversationId: string | undefined): string {
  return conversationId ? `/c/${encodeURIComponent(conversationId)}` : "/";
}

/** The route from the History API, so that links, reload and the back button all work. */
export function useRoute() {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));

  useEffect(() => {
    const onPopState = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const openConversation = useCallback((conversationId: string | undefined, { replace = false } = {}) => {
    const path = conversationPath(conversationId);
    if (path !== window.location.pathname) {
      if (replace) window.history.replaceState(null, "", path);
      else window.history.pushState(null, "", path);
    }
    setRoute(parseRoute(path));
  }, []);

  const openPage = useCallback((page: "settings" | "admin", section?: string) => {
    const path = `/${page}${section ? `/${section}` : ""}`;
    if (path !== window.location.pathname) window.history.pushState(null, "", path);
    setRoute(parseRoute(path));
  }, []);

  return { route, openConversation, openPage };
}
