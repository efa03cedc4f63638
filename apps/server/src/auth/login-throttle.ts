/**
 * Counts failed logins per account and per client address in fixed windows. Kept in memory: each instance
 * throttles on its own, which bounds guessing to (instances × limit) per window.
 */
export function createLoginThrottle({
  maxAttempts,
  windowMs,
  now = Date.now,
}: {
  maxAttempts: number;
  windowMs: number;
  now?: () => number;
}) {
  const windows = new Map<string, { failures: number; resetAt: number }>();
  // An address may legitimately hold many accounts (an office NAT), so it gets a larger budget than one account.
  const limits = { account: maxAttempts, ip: maxAttempts * 5 };

  const current = (key: string) => {
    const entry = windows.get(key);
    if (!entry || entry.resetAt <= now()) return undefined;
    return entry;
  };

  const keys = ({ email, ip }: { email: string; ip: string }) =>
    [
      [`account:${email}`, limits.account],
      [`ip:${ip}`, limits.ip],
    ] as const;

  return {
    /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
    retryAfterSeconds(input: { email: string; ip: string }): number {
      let wait = 0;
      for (const [key, limit] of keys(input)) {
        const entry = current(key);
        if (entry && entry.failures >= limit) wait = Math.max(wait, Math.ceil((entry.resetAt - now()) / 1000));
      }
      return wait;
    },
    recordFailure(input: { email: string; ip: string }) {
      for (const [key] of keys(input)) {
        const entry = current(key) ?? { failures: 0, resetAt: now() + windowMs };
        entry.failures += 1;
        windows.set(key, entry);
      }
      if (windows.size > 100_000) {
        for (const [key, entry] of windows) if (entry.resetAt <= now()) windows.delete(key);
      }
    },
    recordSuccess({ email }: { email: string }) {
      windows.delete(`account:${email}`);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
