/** How one Vitest run ended: its exit status, or the signal that stopped it. */
export type RunOutcome = { status: number | null; signal: NodeJS.Signals | null };

/**
 * The runs of `npm test`, in order. The browser tests run after the rest, on their own, so that Chromium does not
 * compete with the server suites for a small machine's cores.
 */
export const TEST_RUNS = [
  { name: "node + web", projects: ["--project", "node", "--project", "web"] },
  { name: "e2e", projects: ["--project", "e2e"] },
] as const;

/**
 * Runs every test run, even after one fails, and returns the exit code for the whole: the first failing
 * run's status, or 0. Arguments (a path, `-t name`) go to every run; a run they leave without files passes.
 * A run stopped by a signal (Ctrl-C) stops the rest too.
 */
export function runTestRuns({
  args,
  runVitest,
  log = console.log,
}: {
  args: readonly string[];
  runVitest: (argv: string[]) => RunOutcome;
  log?: (line: string) => void;
}): number {
  const results: { name: string; outcome: string }[] = [];
  let exitCode = 0;
  for (const { name, projects } of TEST_RUNS) {
    const { status, signal } = runVitest(["run", ...projects, "--passWithNoTests", ...args]);
    if (signal) {
      log(`npm test: the ${name} run was stopped by ${signal}; the remaining runs are skipped.`);
      return 1;
    }
    results.push({ name, outcome: status === 0 ? "passed" : `failed (exit ${status})` });
    if (status !== 0 && exitCode === 0) exitCode = status ?? 1;
  }
  // The first run's summary has scrolled away by the time the last one ends.
  log(`npm test: ${results.map(({ name, outcome }) => `${name} ${outcome}`).join(", ")}.`);
  return exitCode;
}
