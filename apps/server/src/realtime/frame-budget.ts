/**
 * A token bucket per socket: `perSecond` frames a second with bursts up to the same number. A socket that keeps
 * sending while empty has `strikes` counted, so the gateway can close a flood without touching other sockets.
 */
export function createFrameBudget({ perSecond, now = Date.now }: { perSecond: number; now?: () => number }) {
  let tokens = perSecond;
  let updatedAt = now();
  let strikes = 0;
  return {
    take(): boolean {
      const current = now();
      tokens = Math.min(perSecond, tokens + ((current - updatedAt) / 1000) * perSecond);
      updatedAt = current;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      strikes += 1;
      return false;
    },
    get strikes() {
      return strikes;
    },
  };
}
