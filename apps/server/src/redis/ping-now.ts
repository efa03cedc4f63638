import type { Redis } from "ioredis";

const PING_TIMEOUT_MS = 1_000;

/** PINGs Redis, and rejects within a second when it does not answer: commands queue while Redis is away. */
export async function pingNow(connection: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      connection.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("Redis did not answer")), PING_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
