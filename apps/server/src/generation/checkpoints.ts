/**
 * Saves a growing reply every `intervalMs` while it changes, so that a crash leaves its text behind, and at least
 * every `heartbeatMs` even when it does not: the save's timestamp tells other instances the generation is alive.
 * Saves run one at a time, and `stop` waits for the last one, so a late checkpoint can never overwrite
 * the final message written after it.
 */
export function startCheckpoints({
  intervalMs,
  heartbeatMs,
  read,
  save,
  onError,
}: {
  intervalMs: number;
  heartbeatMs: number;
  read: () => string;
  save: (content: string) => Promise<unknown>;
  /** A failed save is also a missed heartbeat: it must be seen, though the generation goes on. */
  onError: (error: unknown) => void;
}) {
  let saved = read();
  let savedAt = Date.now();
  let queue: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const content = read();
    if (content === saved && Date.now() - savedAt < heartbeatMs) return;
    saved = content;
    savedAt = Date.now();
    queue = queue.then(() => save(content)).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await queue;
    },
  };
}
