/** A key's current fixed window: how many hits it has seen, and how long until the window closes. */
export type WindowCount = { count: number; resetInMs: number };

/** Fixed-window hit counters, shared by every instance that uses the same adapter. */
export interface WindowCounter {
  /** Counts one hit on `key`; the first hit opens a window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The key's open window, or undefined when it has none. */
  peek(key: string): Promise<WindowCount | undefined>;
  /** Closes the key's window, forgetting its hits. */
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}
