import { tooManyRequests } from "../errors.ts";
import { type RateLimiters, refusal } from "../limits/rate-limiters.ts";

/** What a password guess is against: an account (its email, or its id for a password change) and a client address. */
export type Guess = { account: string; address: string };
/** Where a password is guessed: sign-in, or the current password of a password change. */
export type GuessKind = "login" | "password";

const HOUR_SECONDS = 60 * 60;
/**
 * An address may hold many people (an office NAT), so failures across accounts get a much larger budget than one
 * account from one address: it stops spraying one password over every account, not a colleague's typo.
 */
const ADDRESS_BUDGET_FACTOR = 10;

/**
 * Slows password guessing down without locking anyone out. Failures are counted per account and address together,
 * so a stranger's wrong guesses never stop the owner signing in from elsewhere; past `maxFailures` in `windowSeconds`,
 * that pair (or, past ten times as many over all accounts, that address) waits with 429 and Retry-After until the
 * window passes. Counters are shared by the fleet through Redis and, while Redis is away, kept by each instance.
 */
export function createSignInThrottle({
  limiters,
  maxFailures,
  windowSeconds,
  registrationsPerHour,
}: {
  limiters: RateLimiters;
  maxFailures: number;
  windowSeconds: number;
  registrationsPerHour: number;
}) {
  const pair = (kind: GuessKind) => limiters.limiter(`sign-in:${kind}`, maxFailures, windowSeconds);
  const address = () => limiters.limiter("sign-in:address", maxFailures * ADDRESS_BUDGET_FACTOR, windowSeconds);
  const pairKey = ({ account, address: from }: Guess) => `${account}|${from}`;
  const waitSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    /** Throws `rate_limited` with Retry-After when this guess must wait. */
    async check(kind: GuessKind, guess: Guess): Promise<void> {
      const [byPair, byAddress] = await Promise.all([pair(kind).get(pairKey(guess)), address().get(guess.address)]);
      const over = [
        [byPair, maxFailures],
        [byAddress, maxFailures * ADDRESS_BUDGET_FACTOR],
      ] as const;
      const wait = over.reduce(
        (longest, [counted, limit]) =>
          counted && counted.consumedPoints >= limit ? Math.max(longest, waitSeconds(counted.msBeforeNext)) : longest,
        0,
      );
      if (wait > 0) {
        throw tooManyRequests(`Too many wrong passwords from here. Try again in ${wait} s.`, wait);
      }
    },
    async recordFailure(kind: GuessKind, guess: Guess): Promise<void> {
      await Promise.all([pair(kind).penalty(pairKey(guess), 1), address().penalty(guess.address, 1)]);
    },
    /** The right password clears the pair's failures; the address keeps its count. */
    async recordSuccess(kind: GuessKind, guess: Guess): Promise<void> {
      await pair(kind).delete(pairKey(guess));
    },
    /** Counts a registration from `address`; throws `rate_limited` past `registrationsPerHour`. */
    async takeRegistration({ address: from }: { address: string }): Promise<void> {
      try {
        await limiters.limiter("sign-up:address", registrationsPerHour, HOUR_SECONDS).consume(from);
      } catch (error) {
        const seconds = waitSeconds(refusal(error).msBeforeNext);
        throw tooManyRequests(`Too many new accounts from here. Try again in ${seconds} s.`, seconds);
      }
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
