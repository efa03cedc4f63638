import type { WindowCounter } from "../limits/index.ts";

type Attempt = { email: string; ip: string };

/**
 * Counts failed logins per account and per client address in fixed windows, in a counter shared by every
 * instance, so guessing is bounded by the limit however many instances answer.
 * When the counter cannot be reached, sign-in stays open (and the failure is reported): an outage of the
 * counter must not lock every user out.
 */
export function createLoginThrottle({
  counter,
  maxAttempts,
  windowMs,
  onError,
}: {
  counter: WindowCounter;
  maxAttempts: number;
  windowMs: number;
  onError: (error: unknown) => void;
}) {
  // An address may legitimately hold many accounts (an office NAT), so it gets a larger budget than one account.
  const keys = ({ email, ip }: Attempt) =>
    [
      [`login:account:${email}`, maxAttempts],
      [`login:ip:${ip}`, maxAttempts * 5],
    ] as const;

  const failOpen = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      onError(error);
      return fallback;
    }
  };

  return {
    /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
    retryAfterSeconds(attempt: Attempt): Promise<number> {
      return failOpen(async () => {
        const windows = await Promise.all(keys(attempt).map(([key]) => counter.peek(key)));
        return keys(attempt).reduce((wait, [, limit], index) => {
          const window = windows[index];
          return window && window.count >= limit ? Math.max(wait, Math.ceil(window.resetInMs / 1000)) : wait;
        }, 0);
      }, 0);
    },
    recordFailure(attempt: Attempt): Promise<void> {
      return failOpen(async () => {
        await Promise.all(keys(attempt).map(([key]) => counter.hit(key, windowMs)));
      }, undefined);
    },
    recordSuccess({ email }: { email: string }): Promise<void> {
      return failOpen(() => counter.clear(`login:account:${email}`), undefined);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
