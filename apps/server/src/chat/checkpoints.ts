/**
 * Saves a growing reply every `intervalMs` while it changes, so that a crash leaves its text behind.
 * Saves run one at a time, and `stop` waits for the last one, so a late checkpoint can never overwrite
 * the final message written after it.
 */
export function startCheckpoints({
  intervalMs,
  read,
  save,
}: {
  intervalMs: number;
  read: () => string;
  save: (content: string) => Promise<unknown>;
}) {
  let saved = read();
  let queue: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const content = read();
    if (content === saved) return;
    saved = content;
    queue = queue.then(() => save(content)).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await queue;
    },
  };
}
