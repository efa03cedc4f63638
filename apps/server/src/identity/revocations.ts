import type { Bus } from "../bus/index.ts";
import type { Principal } from "./principal.ts";

export type RevocationReason = "session_revoked" | "account_disabled";

/**
 * Tells open connections (SSE reads, WebSockets) that their credentials stopped being valid anywhere in the fleet:
 * their session or API token was revoked (sign-out, password change, token deleted) or their account disabled.
 */
export function createRevocations({ bus }: { bus: Bus }) {
  return {
    watch({ principal, onRevoked }: { principal: Principal; onRevoked: (reason: RevocationReason) => void }) {
      const stopSessions = bus.subscribe("session.revoked", ({ sessionIds }) => {
        if (principal.sessionId && sessionIds.includes(principal.sessionId)) onRevoked("session_revoked");
      });
      const stopDisabled = bus.subscribe("user.disabled", ({ userId }) => {
        if (userId === principal.userId) onRevoked("account_disabled");
      });
      const stopTokens = bus.subscribe("token.revoked", ({ tokenIds }) => {
        if (principal.tokenId && tokenIds.includes(principal.tokenId)) onRevoked("session_revoked");
      });
      return () => {
        stopSessions();
        stopDisabled();
        stopTokens();
      };
    },
  };
}
export type Revocations = ReturnType<typeof createRevocations>;
