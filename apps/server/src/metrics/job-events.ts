import type { Logger } from "pino";
import type { JobEvent } from "../jobs/index.ts";
import type { Metrics } from "./index.ts";

/** Counts and logs what the job queue reports; payloads never reach it, so nothing private is logged. */
export function recordJobEvents({
  metrics,
  logger,
}: {
  metrics: Pick<Metrics, "jobRuns" | "jobWait" | "jobDuration" | "backgroundErrors">;
  logger: Pick<Logger, "warn" | "error">;
}) {
  return (event: JobEvent) => {
    switch (event.type) {
      case "started":
        metrics.jobWait.observe({ name: event.name }, event.waitMs / 1000);
        return;
      case "completed":
      case "retrying":
      case "failed":
        metrics.jobRuns.inc({ name: event.name, outcome: event.type });
        if (event.durationMs !== undefined) metrics.jobDuration.observe({ name: event.name }, event.durationMs / 1000);
        if (event.type !== "completed") {
          logger.warn(
            { job: event.name, jobId: event.jobId, attempt: event.attempt, error: event.error },
            `job ${event.type}`,
          );
        }
        return;
      case "error":
        metrics.backgroundErrors.inc({ operation: "job queue" });
        logger.error({ err: event.error }, "job queue error");
        return;
      case "warning":
        logger.warn({ message: event.message }, "job queue warning");
        return;
      case "queued":
        return;
    }
  };
}
