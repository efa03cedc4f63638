import { type AuthProvider, SIGN_IN_ERROR_PARAM } from "@slipstream/protocol";
import { useEffect, useState } from "react";
import { useClient } from "../app/client.ts";

const SIGN_IN_ERRORS: Record<string, string> = {
  account_disabled: "This account is disabled. Ask an administrator to enable it.",
  sign_in_failed: "Single sign-on did not complete. Try again.",
};

/** Why a single sign-on came back refused, read once from the address, which is then cleaned. */
function takeSignInError(): string | undefined {
  const url = new URL(window.location.href);
  const code = url.searchParams.get(SIGN_IN_ERROR_PARAM);
  if (code === null) return undefined;
  url.searchParams.delete(SIGN_IN_ERROR_PARAM);
  window.history.replaceState(window.history.state, "", url);
  return SIGN_IN_ERRORS[code] ?? SIGN_IN_ERRORS.sign_in_failed;
}

/**
 * The sign-in buttons the server offers besides the password form, whether it offers sign-up, and a refused single
 * sign-on's reason.
 */
export function useSignInOptions() {
  const client = useClient();
  const [providers, setProviders] = useState<AuthProvider[]>([]);
  // Offered until the server says otherwise: a failed answer must not hide the way in of an open server.
  const [signup, setSignup] = useState(true);
  const [ssoError] = useState(takeSignInError);
  useEffect(() => {
    let current = true;
    client.auth
      .providers()
      .then((answer) => {
        if (!current) return;
        setProviders(answer.providers);
        setSignup(answer.signup);
      })
      // Without the list, the password form still works: no buttons is the right fallback.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client]);
  return { providers, signup, ssoError };
}
