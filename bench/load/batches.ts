/**
 * Runs `make(index)` for 0…count-1, `size` at a time: set-up (users' conversations, sockets) must not arrive as
 * one burst that overflows the server's accept backlog and skews the measurement that follows.
 */
export async function inBatches<T>(count: number, make: (index: number) => Promise<T>, size = 50): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, offset) => make(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
