import type { SandboxConfig } from "../config.ts";
import { createQuickJsRuntime } from "./quickjs.ts";
import type { RunResult, SandboxLanguage, SandboxRuntime } from "./types.ts";

export { type RunResult, SANDBOX_LANGUAGES, type SandboxLanguage, type SandboxRuntime } from "./types.ts";

/** Code execution for `run_code`: one runtime per configured language, each started on its first run. */
export type CodeSandbox = {
  languages: readonly SandboxLanguage[];
  run(input: { language: SandboxLanguage; code: string; signal?: AbortSignal }): Promise<RunResult>;
  close(): Promise<void>;
};

const RUNTIMES: Record<SandboxLanguage, (config: SandboxConfig) => Promise<SandboxRuntime>> = {
  javascript: async (config) => createQuickJsRuntime(config),
  // Loaded only when configured: Python costs a child process per run and is off by default.
  python: async (config) => (await import("./pyodide.ts")).createPyodideRuntime(config),
};

/** The sandbox of the configured languages, or undefined when none is (then there is no `run_code`). */
export async function openSandbox(config: SandboxConfig): Promise<CodeSandbox | undefined> {
  if (config.languages.length === 0) return undefined;
  const runtimes = new Map<SandboxLanguage, SandboxRuntime>();
  for (const language of config.languages) runtimes.set(language, await RUNTIMES[language](config));
  return {
    languages: [...runtimes.keys()],
    run: async ({ language, code, signal }) => {
      const runtime = runtimes.get(language);
      if (!runtime)
        throw new Error(`This server runs no ${language} code; it runs ${[...runtimes.keys()].join(", ")}.`);
      return runtime.run({ code, signal });
    },
    close: async () => {
      await Promise.all([...runtimes.values()].map((runtime) => runtime.close()));
    },
  };
}
