import { z } from "zod";
import { defineJob } from "../jobs/index.ts";
import type { Store } from "../store/index.ts";

/** Expired sessions cannot sign anyone in; removing them keeps the table small. */
export function createPurgeSessionsJob({ store }: { store: Store }) {
  return defineJob({
    name: "sessions.purge",
    schema: z.object({}),
    async perform() {
      await store.sessions.deleteExpiredSessions({ now: new Date().toISOString() });
    },
  });
}
