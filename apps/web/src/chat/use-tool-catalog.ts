import type { Tool } from "@slipstream/protocol";
import { useEffect, useState } from "react";
import { useClient } from "../app/client.ts";

/** The tools a conversation may enable, fetched once; none while loading or if the server could not say. */
export function useToolCatalog(): Tool[] {
  const client = useClient();
  const [tools, setTools] = useState<Tool[]>([]);
  useEffect(() => {
    let current = true;
    client.tools.list().then(
      (list) => current && setTools(list),
      (error: unknown) => console.warn("could not list the tools", error),
    );
    return () => {
      current = false;
    };
  }, [client]);
  return tools;
}
