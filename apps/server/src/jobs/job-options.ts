import type { JobDefinition, JobOptions } from "./types.ts";

/** The retry and expiry defaults of every job kind, set once here; a definition overrides what it needs. */
export const DEFAULT_JOB_OPTIONS: JobOptions = Object.freeze({
  retryLimit: 5,
  retryDelayMs: 1_000,
  retryBackoff: true,
  expireInMs: 15 * 60_000,
});

export const DEFAULT_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_CONCURRENCY = 1;
export const DEFAULT_STOP_GRACE_MS = 30_000;

const JOB_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function resolveJobOptions(job: JobDefinition<unknown>): JobOptions {
  return { ...DEFAULT_JOB_OPTIONS, ...job.options };
}

/** The wait before the attempt after `attempt` failed. */
export function retryDelayMs({ attempt, options }: { attempt: number; options: JobOptions }): number {
  return options.retryBackoff ? options.retryDelayMs * 2 ** (attempt - 1) : options.retryDelayMs;
}

export function assertJobName(name: string): void {
  if (!JOB_NAME_PATTERN.test(name)) {
    throw new Error(
      `Job name "${name}" must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    );
  }
}

/** Parses a payload with the job's schema; the error names the job and the failing fields, never their values. */
export function parsePayload<P>(job: JobDefinition<P>, payload: unknown): P {
  const result = job.schema.safeParse(payload);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => issue.path.join(".") || "(payload)").join(", ");
  throw new Error(`Invalid payload for job ${job.name}: ${fields}`, { cause: result.error });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
