import type { Tool } from "@slipstream/protocol";
import { useCallback, useEffect, useState } from "react";
import { useClient } from "../app/client.ts";

/**
 * The tools a conversation may enable; none while loading or if the server could not say. `refresh` asks again:
 * MCP servers and plugins come and go while the page is open.
 */
export function useToolCatalog(): { tools: Tool[]; refresh: () => void } {
  const client = useClient();
  const [tools, setTools] = useState<Tool[]>([]);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    void asked;
    client.tools.list().then(
      (list) => current && setTools(list),
      (error: unknown) => console.warn("could not list the tools", error),
    );
    return () => {
      current = false;
    };
  }, [client, asked]);
  const refresh = useCallback(() => setAsked((count) => count + 1), []);
  return { tools, refresh };
}
