import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onCleanup } from "../process/cleanup.ts";
import { type CpuProfile, type ProfileSummary, summarizeProfile } from "../profile-summary.ts";
import { startSlipstream } from "../targets/slipstream.ts";
import { slipstreamSseTarget } from "../targets/slipstream-targets.ts";
import type { ScenarioContext } from "./context.ts";
import { measureThroughputOf, type ThroughputResult } from "./throughput.ts";

const CONCURRENCY = 100;

export type ProfileResult = { scenario: string; run: ThroughputResult; summary: ProfileSummary };

/**
 * The hottest scenario (unpaced SSE streams, 100 at once, embedded) on a separate Slipstream started with
 * `--cpu-prof`, whose profile is written when it exits; summarised by self time over the measured window only
 * (start-up, registration and warm-up left out).
 */
export async function profileHottest({ rig, sizes, log }: ScenarioContext): Promise<ProfileResult> {
  const directory = await mkdtemp(join(tmpdir(), "slipstream-bench-profile-"));
  onCleanup("cpu profile directory", () => rm(directory, { recursive: true, force: true }));
  const instance = await startSlipstream({
    label: "profiled",
    providerUrl: rig.provider.url,
    execArgv: ["--cpu-prof", "--cpu-prof-dir", directory],
  });
  const target = slipstreamSseTarget(instance);
  await measureThroughputOf(rig, target, { concurrency: 10, durationMs: 500 });
  const fromMicros = Number(process.hrtime.bigint() / 1000n);
  const run = await measureThroughputOf(rig, target, { concurrency: CONCURRENCY, durationMs: sizes.profileMs });
  const toMicros = Number(process.hrtime.bigint() / 1000n);
  await instance.child.stop();
  const [file] = (await readdir(directory)).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the profiled Slipstream wrote no .cpuprofile");
  const profile = JSON.parse(await readFile(join(directory, file), "utf8")) as CpuProfile;
  const summary = summarizeProfile(profile, { fromMicros, toMicros });
  log(
    `profile: ${summary.modules
      .slice(0, 3)
      .map((entry) => `${entry.name} ${entry.percent.toFixed(0)}%`)
      .join(", ")}`,
  );
  return { scenario: `unpaced SSE streams, ${CONCURRENCY} at once, embedded`, run, summary };
}
