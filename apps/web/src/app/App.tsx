import { AuthScreen } from "../auth/AuthScreen.tsx";
import { useSession } from "../auth/use-session.ts";
import { Workspace } from "./Workspace.tsx";

/** Signed in: the workspace; signed out: the sign-in form. */
export function App() {
  const { session, signedIn, signedOut } = useSession();
  if (session.status === "loading") return <div className="splash" aria-busy="true" />;
  if (session.status === "signed-out") return <AuthScreen onSignedIn={signedIn} />;
  return <Workspace key={session.user.id} user={session.user} onSignedOut={signedOut} />;
}
