import type { User } from "@slipstream/protocol";
import { type FormEvent, useState } from "react";
import { useClient } from "../app/client.ts";
import { Field } from "./Field.tsx";
import { errorMessage } from "./format.ts";

/** Your name, your password, and signing out of every session. */
export function AccountSection({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const client = useClient();
  const [name, setName] = useState(user.name ?? "");
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string }>();

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setStatus({ kind: "ok", text: done });
    } catch (error) {
      setStatus({ kind: "error", text: errorMessage(error) });
    }
  };
  const saveName = (event: FormEvent) => {
    event.preventDefault();
    void run(() => client.auth.updateProfile({ name: name.trim() || null }), "Name saved.");
  };
  const changePassword = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await client.auth.changePassword({ currentPassword, newPassword });
      setCurrentPassword("");
      setNewPassword("");
    }, "Password changed. Your other sessions were signed out.");
  };
  const signOutEverywhere = async () => {
    try {
      await client.auth.logoutEverywhere();
      window.history.replaceState(null, "", "/");
      onSignedOut();
    } catch (error) {
      setStatus({ kind: "error", text: errorMessage(error) });
    }
  };

  return (
    <div className="settings-stack">
      <form className="settings-card" onSubmit={saveName}>
        <h2>Profile</h2>
        <p className="settings-hint">Signed in as {user.email}.</p>
        <Field label="Name">
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
        </Field>
        <button type="submit" className="button primary">
          Save name
        </button>
      </form>
      <form className="settings-card" onSubmit={changePassword}>
        <h2>Password</h2>
        <Field label="Current password">
          <input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            required
          />
        </Field>
        <Field label="New password">
          <input
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            required
          />
        </Field>
        <button type="submit" className="button primary">
          Change password
        </button>
      </form>
      <div className="settings-card">
        <h2>Sessions</h2>
        <p className="settings-hint">Sign out on every device and browser, this one too. API tokens keep working.</p>
        <button type="button" className="button danger" onClick={() => void signOutEverywhere()}>
          Sign out everywhere
        </button>
      </div>
      {status && (
        <p
          className={status.kind === "ok" ? "settings-status" : "settings-status error"}
          role={status.kind === "ok" ? "status" : "alert"}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
