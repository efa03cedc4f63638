import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "./format.ts";

/** Loads data for a page section, and again on `reload`; a failure is kept as a readable message. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}
