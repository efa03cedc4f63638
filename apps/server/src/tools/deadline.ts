/**
 * `work`, or a rejection with `message` once `ms` pass (then `onTimeout` runs, to abort the work). A tool source
 * that stops answering must not hold up a turn.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  { ms, message, onTimeout }: { ms: number; message: string; onTimeout?: () => void },
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(message));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
