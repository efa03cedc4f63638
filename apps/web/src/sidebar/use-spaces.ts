import type { Space } from "@slipstream/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useClient } from "../app/client.ts";

/** The spaces the user is in, and the one picked in the sidebar (whose conversations it shows, and new chats join). */
export function useSpaces({ onError }: { onError: (message: string) => void }) {
  const client = useClient();
  const [spaces, setSpaces] = useState<Space[]>([]);
  const [selectedId, setSelectedId] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const list = await client.spaces.list();
      setSpaces(list);
      // A space the user left or lost is no longer theirs to pick.
      setSelectedId((current) => (list.some((space) => space.id === current) ? current : undefined));
    } catch (error) {
      console.error("listing spaces failed", error);
      onError("Could not load your spaces.");
    }
  }, [client, onError]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const create = useCallback(
    async (name: string) => {
      try {
        const space = await client.spaces.create({ name });
        setSpaces((current) => [...current, space]);
        setSelectedId(space.id);
      } catch (error) {
        console.error("creating a space failed", error);
        onError("Could not create the space.");
      }
    },
    [client, onError],
  );

  const byId = useMemo(() => new Map(spaces.map((space) => [space.id, space])), [spaces]);
  return {
    spaces,
    byId,
    selected: selectedId ? byId.get(selectedId) : undefined,
    select: setSelectedId,
    create,
    refresh,
  };
}
export type SpacesState = ReturnType<typeof useSpaces>;
