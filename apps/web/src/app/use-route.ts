import { useCallback, useEffect, useState } from "react";

/** What the address bar says: the open conversation (`/c/<id>`) or a new, unsaved chat (`/`). */
export type Route = { conversationId: string | undefined };

const CONVERSATION_PATH = /^\/c\/([^/]+)\/?$/;

export function parseRoute(pathname: string): Route {
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

  return { route, openConversation };
}
