import { createClient, type SlipstreamClient } from "@slipstream/client";
import { createContext, useContext } from "react";

/** The SDK talking to the server that served this page; the browser keeps the session cookie. */
export function createBrowserClient(): SlipstreamClient {
  return createClient({ baseUrl: window.location.origin });
}

export const ClientContext = createContext<SlipstreamClient | null>(null);

export function useClient(): SlipstreamClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error("useClient needs a ClientContext provider");
  return client;
}
