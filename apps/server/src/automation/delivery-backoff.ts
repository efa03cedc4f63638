/** Deliveries are retried for this long after the event; then they are marked failed. */
export const DELIVERY_RETRY_WINDOW_MS = 24 * 60 * 60_000;
/** No wait between two attempts is longer than this, so a receiver that comes back hears from us within the hour. */
export const DELIVERY_MAX_DELAY_MS = 60 * 60_000;

/**
 * When to try a failed delivery again: `baseMs` doubled after every failed attempt, at most an hour apart, or
 * null once the 24-hour window since the event has run out.
 */
export function nextDeliveryAttempt({
  attempts,
  createdAt,
  now,
  baseMs,
}: {
  attempts: number;
  createdAt: Date;
  now: Date;
  baseMs: number;
}): Date | null {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), DELIVERY_MAX_DELAY_MS);
  const next = new Date(now.getTime() + delay);
  const deadline = createdAt.getTime() + DELIVERY_RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  return next.getTime() > deadline ? new Date(deadline) : next;
}
