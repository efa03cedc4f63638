import type { Redis } from "ioredis";

const QUIT_TIMEOUT_MS = 1_000;

/**
 * Closes a connection politely when Redis answers, and at once when it does not: QUIT on a connection
 * that is reconnecting waits for a Redis that may never come back.
 */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status !== "ready") {
    connection.disconnect();
    return;
  }
  const timer = setTimeout(() => connection.disconnect(), QUIT_TIMEOUT_MS);
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
