import { PASSWORD_MIN_LENGTH, type User } from "@slipstream/protocol";
import { type FormEvent, useId, useState } from "react";
import { useClient } from "../app/client.ts";
import { describeAuthError } from "./auth-errors.ts";
import { useSignInOptions } from "./use-sign-in-options.ts";

type Mode = "sign-in" | "sign-up";

/** After a sign-up that signed nobody in: the email has an account (the server does not say so in its answer). */
const TAKEN_OR_NEW = "No new account was made for this email. If it already has one, sign in with it.";

const SIGNUP_CLOSED = "New accounts are added by an administrator.";

/** Sign in, or create an account where the server offers it; errors are announced next to the form. */
export function AuthScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const client = useClient();
  const [mode, setMode] = useState<Mode>("sign-in");
  const { providers, signup, ssoError } = useSignInOptions();
  const [error, setError] = useState<string | undefined>(ssoError);
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), password: useId(), name: useId(), error: useId() };
  const signingUp = signup && mode === "sign-up";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    if (!email || !password) return setError("Enter your email and password.");
    if (signingUp && password.length < PASSWORD_MIN_LENGTH) {
      return setError(`Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    }
    setBusy(true);
    setError(undefined);
    try {
      if (!signingUp) {
        onSignedIn((await client.auth.login({ email, password })).user);
        return;
      }
      await client.auth.register({ email, password, ...(name ? { name } : {}) });
      // The server answers a taken email as it answers a new one, but signs nobody in: the session says which.
      const session = await client.auth.session().catch(() => undefined);
      if (session) return onSignedIn(session.user);
      setMode("sign-in");
      setError(TAKEN_OR_NEW);
      setBusy(false);
    } catch (failure) {
      setError(describeAuthError(failure));
      setBusy(false);
    }
  }

  function switchMode(next: Mode) {
    setMode(next);
    setError(undefined);
  }

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
        <div className="auth-brand" aria-hidden="true">
          <span className="brand-mark" />
          Slipstream
        </div>
        <h1>{signingUp ? "Create your account" : "Welcome back"}</h1>
        <p className="auth-lede">{signingUp ? "Chat with any model, in real time." : "Sign in to continue."}</p>
        {signingUp && (
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} name="name" autoComplete="name" maxLength={100} />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.email}>Email</label>
          <input id={ids.email} name="email" type="email" autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>Password</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete={signingUp ? "new-password" : "current-password"}
            required
          />
        </div>
        {error && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy}>
          {signingUp ? "Sign up" : "Sign in"}
        </button>
        {providers.length > 0 && (
          <div className="auth-providers">
            {providers.map((provider) => (
              <a key={provider.id} className="button wide" href={provider.loginUrl}>
                Continue with {provider.name}
              </a>
            ))}
          </div>
        )}
        {signup ? (
          <p className="auth-switch">
            {signingUp ? "Have an account?" : "New here?"}{" "}
            <button type="button" className="link-button" onClick={() => switchMode(signingUp ? "sign-in" : "sign-up")}>
              {signingUp ? "Use my account" : "Create an account"}
            </button>
          </p>
        ) : (
          <p className="auth-switch">{SIGNUP_CLOSED}</p>
        )}
      </form>
    </main>
  );
}
