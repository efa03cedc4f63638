import { mkdir, readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { installBenchPackages } from "./install.ts";
import { runClosedLoop } from "./load/closed-loop.ts";
import { integrityViolations } from "./load/integrity.ts";
import { describeMachine, loadAverage } from "./machine.ts";
import { cleanupAll } from "./process/cleanup.ts";
import { UNPACED } from "./reply.ts";
import { renderReport } from "./report.ts";
import type { BenchResults, ScenarioResults } from "./results.ts";
import { type Rig, startRig } from "./rig.ts";
import { measureBystander } from "./scenarios/bystander.ts";
import { measureCapacity } from "./scenarios/capacity.ts";
import type { ScenarioContext, StandaloneContext } from "./scenarios/context.ts";
import { measureFanout } from "./scenarios/fanout.ts";
import { measureIdleConnections } from "./scenarios/idle-connections.ts";
import { profileHottest } from "./scenarios/profile.ts";
import { measureReplyCost } from "./scenarios/reply-cost.ts";
import { measureResume } from "./scenarios/resume.ts";
import { measureStorage } from "./scenarios/storage.ts";
import { measureThroughput } from "./scenarios/throughput.ts";
import { measureTtft } from "./scenarios/ttft.ts";
import { measureWeb } from "./scenarios/web.ts";
import { measureWireBytes } from "./scenarios/wire-bytes.ts";
import { FULL, QUICK } from "./sizes.ts";
import { closeAll } from "./targets/target.ts";

/**
 * `npm run bench [-- --quick] [-- --only=ttft,resume]`: starts the fake provider, Slipstream (embedded, and over
 * Postgres+Redis) and the peers, each in its own process, runs every scenario against all of them, and writes
 * bench/results/<date>.json and .md. Children and temporary databases are removed however the run ends. The
 * peers' packages are installed into bench/node_modules first when they are missing or stale.
 * `--render=<results.json>` only rewrites the Markdown next to an existing results file.
 * `--slipstream-env=NAME=value` (repeatable) starts both Slipstream instances with that variable, for A/B runs.
 */
type Producers<Context> = { [K in keyof ScenarioResults]?: (context: Context) => Promise<ScenarioResults[K]> };
/** Scenarios that drive the rig (the provider, Slipstream twice, the peers), started once for all of them. */
const RIG_SCENARIOS = {
  ttft: measureTtft,
  replyCost: measureReplyCost,
  throughput: measureThroughput,
  fanout: measureFanout,
  resume: measureResume,
  capacity: measureCapacity,
  wire: measureWireBytes,
  bystander: measureBystander,
  idle: measureIdleConnections,
  profile: profileHottest,
} satisfies Producers<ScenarioContext>;
/** Scenarios that start what they measure: a run of only these starts no rig. */
const STANDALONE_SCENARIOS = { storage: measureStorage, web: measureWeb } satisfies Producers<StandaloneContext>;
type RigScenarioName = keyof typeof RIG_SCENARIOS;
type ScenarioName = RigScenarioName | keyof typeof STANDALONE_SCENARIOS;
const KNOWN = [...Object.keys(RIG_SCENARIOS), ...Object.keys(STANDALONE_SCENARIOS)];
const usesRig = (name: ScenarioName): name is RigScenarioName => name in RIG_SCENARIOS;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    render: { type: "string" },
    "slipstream-env": { type: "string", multiple: true },
  },
});
const envPairs = values["slipstream-env"] ?? [];
const malformed = envPairs.filter((pair) => !/^[A-Z][A-Z0-9_]*=/.test(pair));
if (malformed.length) {
  console.error(`--slipstream-env takes NAME=value, not: ${malformed.join(", ")}.`);
  process.exit(2);
}
const slipstreamEnv = Object.fromEntries(
  envPairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
);
const sizes = values.quick ? QUICK : FULL;
const names = (values.only?.split(",") ?? KNOWN) as ScenarioName[];
const unknown = names.filter((name) => !KNOWN.includes(name));
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(", ")}. Known: ${KNOWN.join(", ")}.`);
  process.exit(2);
}

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Every target streams some replies first, so that no scenario measures JIT warm-up. */
async function warmUp(rig: Rig, streams: number) {
  for (const target of [rig.direct, ...rig.slipstream, ...rig.peers]) {
    const sessions = await target.openSessions(10);
    const streamsPerSession = Math.ceil(streams / sessions.length);
    await runClosedLoop({ sessions, run: (session) => session.stream(UNPACED), staggerMs: 0, streamsPerSession });
    closeAll(sessions);
  }
}

async function startWarmRig(results: BenchResults): Promise<Rig> {
  log(`starting the provider, Slipstream and the peers (${sizes.mode} run)`);
  const rig = await startRig({ slipstreamEnv });
  results.skipped = rig.skipped;
  await warmUp(rig, sizes.warmUpStreams);
  return rig;
}

async function main() {
  installBenchPackages({ log });
  const started = performance.now();
  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: sizes.mode,
    sizes,
    command: ["npm run bench", ...(values.quick || values.only ? ["--"] : [])]
      .concat(values.quick ? ["--quick"] : [], values.only ? [`--only=${values.only}`] : [])
      .join(" "),
    machine: describeMachine(),
    loadAverage: { start: loadAverage(), end: [] },
    durationSeconds: 0,
    skipped: [],
    errors: {},
    scenarios: {},
  };
  let rig: Promise<Rig> | undefined;
  /** The rig, started and warmed up by the first scenario that drives it. */
  const rigOnce = () => (rig ??= startWarmRig(results));
  for (const name of names) {
    log(`scenario ${name}`);
    try {
      // Each entry of the scenario tables produces the result of the same key.
      (results.scenarios as Record<string, unknown>)[name] = usesRig(name)
        ? await RIG_SCENARIOS[name]({ rig: await rigOnce(), sizes, log })
        : await STANDALONE_SCENARIOS[name]({ sizes, log });
    } catch (error) {
      results.errors[name] = error instanceof Error ? error.message : String(error);
      log(`scenario ${name} failed: ${results.errors[name]}`);
    }
  }
  results.loadAverage.end = loadAverage();
  results.durationSeconds = (performance.now() - started) / 1000;
  const directory = new URL("./results/", import.meta.url);
  await mkdir(directory, { recursive: true });
  const stem = `${results.date.slice(0, 10)}${sizes.mode === "quick" ? "-quick" : ""}${values.only ? "-partial" : ""}`;
  await writeFile(new URL(`${stem}.json`, directory), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(new URL(`${stem}.md`, directory), renderReport(results));
  log(`wrote bench/results/${stem}.json and .md in ${Math.round(results.durationSeconds)} s`);
  return integrityViolations(results.scenarios);
}

async function render(path: string) {
  const results = JSON.parse(await readFile(path, "utf8")) as BenchResults;
  await writeFile(path.replace(/\.json$/, ".md"), renderReport(results));
}

let violations: string[] = [];
try {
  if (values.render) await render(values.render);
  else violations = await main();
} finally {
  await cleanupAll();
}
// A benchmark is also the load test of integrity: a run in which any stream lost, repeated or garbled an event fails.
if (violations.length) {
  console.error(`Streams did not all arrive whole:\n${violations.join("\n")}`);
  process.exit(1);
}
process.exit(0);
