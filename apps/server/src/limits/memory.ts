import type { WindowCount, WindowCounter } from "./types.ts";

/** Past this many keys, closed windows are swept on the next hit, so memory stays bounded. */
const SWEEP_ABOVE = 100_000;

/** The embedded counter: one process, one map. */
export function createMemoryWindowCounter(): WindowCounter {
  const windows = new Map<string, { count: number; resetAt: number }>();

  const open = (key: string) => {
    const window = windows.get(key);
    return window && window.resetAt > Date.now() ? window : undefined;
  };
  const present = (window: { count: number; resetAt: number }): WindowCount => ({
    count: window.count,
    resetInMs: window.resetAt - Date.now(),
  });

  return {
    async hit(key, windowMs) {
      if (windows.size > SWEEP_ABOVE) {
        for (const [stale, window] of windows) if (window.resetAt <= Date.now()) windows.delete(stale);
      }
      const window = open(key) ?? { count: 0, resetAt: Date.now() + windowMs };
      window.count += 1;
      windows.set(key, window);
      return present(window);
    },
    async peek(key) {
      const window = open(key);
      return window && present(window);
    },
    async clear(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}
