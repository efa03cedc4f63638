import type { Logger } from "pino";
import { z } from "zod";
import type { Outbox } from "../events/outbox.ts";
import { defineJob } from "../jobs/index.ts";
import type { StreamLog } from "../streams/index.ts";
import { sweepStaleGenerations } from "./stale-generations.ts";

/** Every third of a lease, one sweep across the fleet takes the replies whose instance died. */
export function createSweepStaleGenerationsJob({
  outbox,
  streams,
  leaseMs,
  logger,
}: {
  outbox: Outbox;
  streams: StreamLog;
  leaseMs: number;
  logger: Pick<Logger, "warn">;
}) {
  return defineJob({
    name: "generation.sweep",
    schema: z.object({}),
    // A missed sweep is made up by the next tick, a third of a lease later: retrying would only pile up.
    options: { retryLimit: 0, expireInMs: leaseMs },
    async perform() {
      await sweepStaleGenerations({ outbox, streams, leaseMs, logger });
    },
  });
}
