import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runTestRuns } from "./test-runs.ts";

// Vitest's own CLI under this Node, so that `node scripts/test.ts` works outside `npm test` too.
const VITEST_CLI = fileURLToPath(new URL("vitest.mjs", import.meta.resolve("vitest/package.json")));

process.exitCode = runTestRuns({
  args: process.argv.slice(2),
  runVitest: (argv) => {
    const run = spawnSync(process.execPath, [VITEST_CLI, ...argv], { stdio: "inherit" });
    if (run.error) throw new Error("could not start Vitest", { cause: run.error });
    return run;
  },
});
