import { setTimeout as sleep } from "node:timers/promises";
import { isStoreUnavailable } from "../store/index.ts";

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;
/** Failures while the store answers its ping are the write's own fault (not an outage): give up after these. */
const MAX_FAILURES_WHILE_STORE_UP = 3;

/**
 * Runs `write` until it succeeds: with backoff for as long as the store is away (a reply in hand must not be lost
 * to an outage or a full disk), a few times when the store answers but the write still fails, and until `signal`
 * aborts (the process is shutting down). The store is away when the write says so (DomainError `unavailable`) or
 * when its ping fails. Rejects with the last error when it gives up.
 */
export async function persistUntilSaved({
  write,
  ping,
  signal,
  onRetry,
}: {
  write: () => Promise<void>;
  ping: () => Promise<void>;
  signal: AbortSignal;
  onRetry: (error: unknown, attempt: number) => void;
}): Promise<void> {
  let delay = FIRST_DELAY_MS;
  let failuresWhileUp = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      const storeUp =
        !isStoreUnavailable(error) &&
        (await ping().then(
          () => true,
          () => false,
        ));
      if (storeUp) failuresWhileUp += 1;
      if (failuresWhileUp >= MAX_FAILURES_WHILE_STORE_UP || signal.aborted) throw error;
      onRetry(error, attempt);
    }
    // Aborting ends the wait at once, for one last try.
    await sleep(delay, undefined, { signal }).catch(() => undefined);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
