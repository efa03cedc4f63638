import { z } from "zod";
import { type CodeSandbox, SANDBOX_LANGUAGES } from "../sandbox/index.ts";
import type { ToolDescriptor, ToolProvider } from "./types.ts";

const MAX_CODE_CHARS = 100_000;

const LANGUAGE_NOTES = {
  javascript: "JavaScript (QuickJS: the language and its built-ins, no Node.js or browser APIs, no timers)",
  python: "Python 3 (Pyodide: the standard library, no packages to install)",
} as const;

function descriptor(sandbox: CodeSandbox): ToolDescriptor {
  const languages = [...sandbox.languages];
  return {
    id: "run_code",
    name: "run_code",
    source: "builtin",
    description:
      "Runs a short program in a sandbox without network, files or environment, and returns what it printed " +
      "and the value of its last expression (or the error). Use it to compute rather than guess. Languages: " +
      `${languages.map((language) => LANGUAGE_NOTES[language]).join("; ")}.`,
    inputSchema: {
      type: "object",
      properties: {
        code: { type: "string", description: "The program. Its last expression is the result; print for more." },
        language: { type: "string", enum: languages, default: languages[0], description: "The program's language." },
      },
      required: ["code"],
      additionalProperties: false,
    },
  };
}

/** The built-in `run_code` tool, over the sandbox of the configured languages. */
export function createRunCodeTool({ sandbox }: { sandbox: CodeSandbox }): ToolProvider {
  const tool = descriptor(sandbox);
  const offered = sandbox.languages;
  const inputSchema = z.object({
    code: z.string().max(MAX_CODE_CHARS),
    language: z
      .enum(SANDBOX_LANGUAGES)
      .default(offered[0] ?? "javascript")
      .refine((language) => offered.includes(language), `this server runs ${offered.join(", ")}`),
  });
  return {
    source: "builtin",
    list: async () => [tool],
    async execute({ input, context }) {
      const parsed = inputSchema.safeParse(input);
      if (!parsed.success) throw new Error(`run_code needs {code, language?}: ${z.prettifyError(parsed.error)}`);
      const { code, language } = parsed.data;
      const run = await sandbox.run({ language, code, signal: context.signal });
      return run.ok ? { result: run.result ?? null, output: run.output } : { error: run.error, output: run.output };
    },
    status: () => ({ state: "ready", error: null }),
  };
}
