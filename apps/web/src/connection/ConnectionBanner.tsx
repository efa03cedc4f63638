import { useSyncExternalStore } from "react";
import type { Realtime } from "./realtime.ts";

/** Says so while the live connection is down; it reconnects and resumes by itself. */
export function ConnectionBanner({ realtime }: { realtime: Realtime }) {
  const status = useSyncExternalStore(
    (listener) => realtime.onStatus(listener),
    () => realtime.status,
  );
  if (status !== "offline") return null;
  return (
    <div className="connection-banner" role="alert">
      <span className="pulse" aria-hidden="true" />
      Connection lost. Reconnecting… answers will continue where they left off.
    </div>
  );
}
