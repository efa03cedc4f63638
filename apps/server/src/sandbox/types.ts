/** The languages `run_code` may offer. */
export const SANDBOX_LANGUAGES = ["javascript", "python"] as const;
export type SandboxLanguage = (typeof SANDBOX_LANGUAGES)[number];

/** What one run of guest code came to: its printed output, and its value or its error. */
export type RunResult = {
  ok: boolean;
  /** The value of the code's last expression, as text (a JSON text unless it is a string); absent if none. */
  result?: string;
  /** Why the run failed: the guest's own exception, or the limit it reached. */
  error?: string;
  /** What the guest printed (console.log, print), cut at the output limit. */
  output: string;
  durationMs: number;
};

/** One language's runtime: each run is a fresh guest that reaches no file, process, network or environment. */
export interface SandboxRuntime {
  readonly language: SandboxLanguage;
  /** Runs `code` within the runtime's limits; a signal that aborts stops the guest where it is. */
  run(input: { code: string; signal?: AbortSignal }): Promise<RunResult>;
  /** Stops every guest and helper the runtime started. */
  close(): Promise<void>;
}

/** Printed output and results beyond this many characters are cut, so that a guest cannot flood the model. */
export const OUTPUT_LIMIT_CHARS = 32_000;

/** Cuts `text` to the output limit, saying so. */
export function clip(text: string, limit = OUTPUT_LIMIT_CHARS): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n… (cut at ${limit} characters)`;
}
