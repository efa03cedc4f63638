import { describe, expect, it } from "vitest";
import { type RunOutcome, runTestRuns } from "./test-runs.ts";

/** A Vitest stand-in that answers each run with the next outcome and records the arguments it got. */
function scriptedVitest(outcomes: RunOutcome[]) {
  const calls: string[][] = [];
  return {
    calls,
    runVitest(argv: string[]) {
      calls.push(argv);
      const outcome = outcomes[calls.length - 1];
      if (!outcome) throw new Error(`unexpected run ${calls.length}: ${argv.join(" ")}`);
      return outcome;
    },
  };
}

const passed: RunOutcome = { status: 0, signal: null };
const failed: RunOutcome = { status: 1, signal: null };

describe("npm test", () => {
  it("runs the browser tests even when the first run fails, and then fails as a whole", () => {
    const vitest = scriptedVitest([failed, passed]);
    const lines: string[] = [];
    expect(runTestRuns({ args: [], runVitest: vitest.runVitest, log: (line) => lines.push(line) })).toBe(1);
    expect(vitest.calls.map((argv) => argv.filter((arg) => arg !== "--project" && arg !== "run"))).toEqual([
      ["node", "web", "--passWithNoTests"],
      ["e2e", "--passWithNoTests"],
    ]);
    expect(lines.at(-1)).toBe("npm test: node + web failed (exit 1), e2e passed.");
  });

  it("fails when only the browser tests fail, and passes when both pass", () => {
    expect(runTestRuns({ args: [], runVitest: scriptedVitest([passed, failed]).runVitest, log: () => {} })).toBe(1);
    expect(runTestRuns({ args: [], runVitest: scriptedVitest([passed, passed]).runVitest, log: () => {} })).toBe(0);
  });

  it("gives its arguments to both runs", () => {
    const vitest = scriptedVitest([passed, passed]);
    runTestRuns({ args: ["apps/web/e2e/chat.e2e.test.ts", "-t", "stop"], runVitest: vitest.runVitest, log: () => {} });
    for (const argv of vitest.calls) expect(argv.slice(-3)).toEqual(["apps/web/e2e/chat.e2e.test.ts", "-t", "stop"]);
  });

  it("stops after a run that a signal ended", () => {
    const vitest = scriptedVitest([{ status: null, signal: "SIGINT" }]);
    expect(runTestRuns({ args: [], runVitest: vitest.runVitest, log: () => {} })).toBe(1);
    expect(vitest.calls).toHaveLength(1);
  });
});
