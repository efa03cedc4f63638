import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();

/** The machine and the code a result came from, so that numbers from different runs are read against their conditions. */
export function describeMachine() {
  return {
    commit: git("rev-parse", "--short", "HEAD"),
    /** Files of the server and packages changed but not committed when the run started. */
    uncommittedFiles: git("status", "--porcelain", "--", "apps/server", "packages").split("\n").filter(Boolean).length,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    openFilesLimit: execFileSync("sh", ["-c", "ulimit -n"]).toString().trim(),
  };
}

/** 1, 5 and 15 minute load averages: on a shared 2-core machine anything above ~2 means the numbers are noisy. */
export const loadAverage = () => loadavg().map((value) => Math.round(value * 100) / 100);
