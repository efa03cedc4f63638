import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onCleanup } from "../process/cleanup.ts";
import { type CpuProfile, type ProfileSummary, summarizeProfile } from "../profile-summary.ts";
import { type ReplyShape, replyDurationMs, UNPACED } from "../reply.ts";
import { startSlipstream } from "../targets/slipstream.ts";
import { slipstreamSseTarget } from "../targets/slipstream-targets.ts";
import { closeAll, type Target, warmUp } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";
import { measureSessions, type ThroughputResult } from "./throughput.ts";

export type ProfileWindow = { scenario: string; run: ThroughputResult; summary: ProfileSummary };
export type ProfileResult = { windows: ProfileWindow[] };

const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Runs one workload on the profiled process and notes when it ran, on the clock the profile uses. */
async function profiledWindow(
  context: ScenarioContext,
  target: Target,
  { concurrency, shape, staggerMs }: { concurrency: number; shape: ReplyShape; staggerMs: number },
) {
  const sessions = await target.openSessions(concurrency);
  await warmUp(sessions);
  const fromMicros = nowMicros();
  const run = await measureSessions(context.rig, target, sessions, {
    durationMs: context.sizes.profileMs,
    shape,
    staggerMs,
  });
  const toMicros = nowMicros();
  closeAll(sessions);
  return { run, fromMicros, toMicros };
}

/**
 * The hottest scenario (unpaced SSE streams, 100 at once, embedded), then paced SSE streams at about the count
 * Slipstream is meant to carry, on a separate Slipstream started with `--cpu-prof` (the profile is written when it
 * exits). Each window is summarised on its own; start-up, registration and warm-up are left out.
 */
export async function profileHottest(context: ScenarioContext): Promise<ProfileResult> {
  const { rig, sizes, log } = context;
  const directory = await mkdtemp(join(tmpdir(), "slipstream-bench-profile-"));
  onCleanup("cpu profile directory", () => rm(directory, { recursive: true, force: true }));
  const instance = await startSlipstream({
    label: "profiled",
    providerUrl: rig.provider.url,
    execArgv: ["--cpu-prof", "--cpu-prof-dir", directory],
  });
  const target = slipstreamSseTarget(instance);
  const paced = sizes.mode === "full" ? 200 : 40;
  const workloads = [
    { scenario: "unpaced SSE streams, 100 at once", concurrency: 100, shape: UNPACED, staggerMs: 500 },
    {
      scenario: `paced SSE streams, ${paced} at once`,
      concurrency: paced,
      shape: sizes.paced,
      staggerMs: replyDurationMs(sizes.paced),
    },
  ];
  const runs = [];
  for (const workload of workloads) runs.push({ ...workload, ...(await profiledWindow(context, target, workload)) });
  await instance.child.stop();
  const [file] = (await readdir(directory)).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the profiled Slipstream wrote no .cpuprofile");
  const profile = JSON.parse(await readFile(join(directory, file), "utf8")) as CpuProfile;
  const windows = runs.map(({ scenario, run, fromMicros, toMicros }) => ({
    scenario: `${scenario}, embedded`,
    run,
    summary: summarizeProfile(profile, { fromMicros, toMicros }),
  }));
  for (const window of windows) {
    const modules = window.summary.modules.slice(0, 3).map((entry) => `${entry.name} ${entry.percent.toFixed(0)}%`);
    log(`profile of ${window.scenario}: ${modules.join(", ")}`);
  }
  return { windows };
}
