import { SlipstreamError } from "@slipstream/client";
import type { User } from "@slipstream/protocol";
import { useCallback, useEffect, useState } from "react";
import { useClient } from "../app/client.ts";

export type SessionState = { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; user: User };

/** The signed-in user, read once from the session cookie, then changed by sign-in, sign-up and sign-out. */
export function useSession() {
  const client = useClient();
  const [session, setSession] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    let active = true;
    client.auth.session().then(
      ({ user }) => active && setSession({ status: "signed-in", user }),
      (error: unknown) => {
        if (!active) return;
        if (!(error instanceof SlipstreamError && error.status === 401)) console.error("session check failed", error);
        setSession({ status: "signed-out" });
      },
    );
    return () => {
      active = false;
    };
  }, [client]);

  const signedIn = useCallback((user: User) => setSession({ status: "signed-in", user }), []);
  const signedOut = useCallback(() => setSession({ status: "signed-out" }), []);
  return { session, signedIn, signedOut };
}
