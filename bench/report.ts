import type { FrameStats } from "../apps/web/e2e/support/frame-monitor.ts";
import { checkGoals, type GoalCheck, peerReferences } from "./goals.ts";
import type { Integrity } from "./load/integrity.ts";
import type { ProfileEntry } from "./profile-summary.ts";
import type { BenchResults } from "./results.ts";
import type { Summary } from "./stats.ts";

const fixed = (value: number | undefined, digits = 1) =>
  value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
const count = (value: number) => Math.round(value).toLocaleString("en-US");
const p50p99 = (summary: Summary) => `${fixed(summary.p50)} / ${fixed(summary.p99)}`;

function integrityText(integrity: Integrity): string {
  const problems = [
    integrity.failed && `${integrity.failed} failed`,
    integrity.textMismatches && `${integrity.textMismatches} wrong text`,
    integrity.missingSeqs && `${integrity.missingSeqs} seq missing`,
    integrity.duplicateSeqs && `${integrity.duplicateSeqs} seq repeated`,
  ].filter(Boolean);
  return problems.length ? `${problems.join(", ")} of ${integrity.streams}` : `all ${integrity.streams} intact`;
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const met = (check: GoalCheck) => (check.met === undefined ? "–" : check.met ? "yes" : "**no**");

function goalsSection(results: BenchResults, checks: GoalCheck[]): string {
  return [
    "## Goals",
    table(
      ["Goal", "Subject", "Goal value", "Measured", "Met"],
      checks.map((check) => [check.goal, check.subject, check.target, check.measured, met(check)]),
    ),
    "",
    "Peers against the figures published for them (other machines, other methods; for orientation only):",
    "",
    table(
      ["Published", "Measured here"],
      peerReferences(results).map((row) => [row.figure, row.measured]),
    ),
  ].join("\n");
}

const pacing = (deltas: number, intervalMs: number) => `${deltas} deltas of 16 bytes, ${intervalMs} ms apart`;

function scenarioSections({ scenarios, sizes }: BenchResults): string[] {
  const sections: string[] = [];
  const { paced } = sizes;
  if (scenarios.replyCost) {
    sections.push(
      "## CPU per reply and per token\n\nCPU time of the target's own process (not wall time), median of interleaved " +
        `rounds: per reply of 2 unpaced deltas (what a reply costs whatever its length), and per token of a paced reply ` +
        `(${pacing(paced.deltas, paced.intervalMs)}) with its per-reply work included; 10 clients.\n`,
      table(
        ["Target", "Rounds", "CPU per reply", "CPU per paced token", "Integrity"],
        scenarios.replyCost.map((r) => [
          r.target,
          r.rounds,
          `${r.cpuMsPerReply.toFixed(2)} ms`,
          `${r.cpuMicrosPerPacedToken.toFixed(1)} µs`,
          integrityText(r.integrity),
        ]),
      ),
    );
  }
  if (scenarios.ttft) {
    sections.push(
      "## Time to first token added\n\nFrom the client's first request to the first text delta (Slipstream: the send, then the " +
        `subscription), paced replies of ${pacing(paced.deltas, paced.intervalMs)} (8 deltas with one stream in flight); ` +
        "the provider sends its first delta at once. After a warm-up, rounds straight to the provider and through the " +
        `target alternate (${sizes.ttftRounds} each); added = target percentile − direct percentile.\n`,
      table(
        [
          "Target",
          "Streams",
          "Direct p50 / p99 ms",
          "Through p50 / p99 ms",
          "Added p50 ms",
          "Added p99 ms",
          "Integrity",
        ],
        scenarios.ttft.map((r) => [
          r.target,
          r.concurrency,
          p50p99(r.direct),
          p50p99(r.through),
          fixed(r.addedP50),
          fixed(r.addedP99),
          integrityText(r.integrity),
        ]),
      ),
    );
  }
  if (scenarios.throughput) {
    sections.push(
      `## Throughput\n\nUnpaced replies (64 deltas written at once), closed loop for ${sizes.throughputMs} ms. ` +
        "CPU is the target process's own time " +
        "(process.cpuUsage reported by the process); the load generator and the provider share the same 2 cores.\n",
      table(
        [
          "Target",
          "Streams",
          "Replies",
          "Events/s",
          "Tokens/s",
          "CPU µs/event",
          "CPU µs/token",
          "CPU ms by process",
          "Redis connections (peak)",
          "Integrity",
        ],
        scenarios.throughput.map((r) => [
          r.target,
          r.concurrency,
          r.streams,
          count(r.eventsPerSecond),
          count(r.deltasPerSecond),
          fixed(r.cpuMicrosPerEvent),
          fixed(r.cpuMicrosPerDelta),
          Object.entries(r.cpuMs)
            .map(([name, value]) => `${name} ${count(value)}`)
            .join(", "),
          r.redisClientsPeak ?? "–",
          integrityText(r.integrity),
        ]),
      ),
    );
  }
  if (scenarios.fanout) {
    sections.push(
      `## Fan-out\n\nOne paced generation (${pacing(paced.deltas, paced.intervalMs)}), N clients following it. ` +
        "Skew: for each event, how much later the last client got it than the first.\n",
      table(
        ["Target", "Followers", "Follower TTFT p50 / p99 ms", "Skew p50 / p99 ms", "CPU µs/event", "Integrity"],
        scenarios.fanout.map((r) => [
          r.target,
          r.followers,
          p50p99(r.followerTtft),
          p50p99(r.skew),
          fixed(r.cpuMicrosPerEvent),
          integrityText(r.integrity),
        ]),
      ),
    );
  }
  if (scenarios.resume) {
    sections.push(
      "## Resume\n\nPaced streams cut after 4 deltas, resumed 60 ms later at their offset on a fresh connection " +
        "(Last-Event-ID, `subscribe` with `after`, or resumable-stream's `skipCharacters`). Time from starting the " +
        "reconnection to the first missed event; integrity covers the whole stream across the cut.\n",
      table(
        ["Target", "Concurrent resumes", "p50 ms", "p99 ms", "max ms", "Integrity"],
        scenarios.resume.map((r) => [
          r.target,
          r.concurrentResumes,
          fixed(r.resumeMs.p50),
          fixed(r.resumeMs.p99),
          fixed(r.resumeMs.max),
          integrityText(r.integrity),
        ]),
      ),
    );
  }
  if (scenarios.capacity) {
    sections.push(
      `## Paced streams sustained\n\nN paced streams of ${pacing(sizes.capacityDeltas, paced.intervalMs)}, started over ` +
        `${sizes.capacityRampMs} ms, then all running; a level passes with every stream intact and no gap over ` +
        `${5 * paced.intervalMs} ms between two deltas. Levels stop at the first failure.\n`,
      table(
        ["Target", "Sustained", "Levels: streams → max gap ms (generator lag p99 ms), integrity"],
        scenarios.capacity.map((r) => [
          r.target,
          r.sustained || `< ${r.levels[0]?.streams ?? "?"}`,
          r.levels
            .map(
              (level) =>
                `${level.streams} → ${fixed(level.maxGapMs, 0)} (${fixed(level.loadGeneratorLagP99Ms, 0)})${level.passed ? "" : `, ${integrityText(level.integrity)}`}`,
            )
            .join("; "),
        ]),
      ),
    );
  }
  if (scenarios.wire) {
    sections.push(
      "## Bytes on the wire\n\nBytes a client reads per reply (HTTP response with headers, or WebSocket frames) " +
        "against the reply's text, fitted to a line over the reply sizes.\n",
      table(
        ["Target", "Bytes per content byte", "Fixed bytes per reply", "r²", "Points (content → wire bytes)"],
        scenarios.wire.map((r) => [
          r.target,
          fixed(r.bytesPerContentByte, 2),
          count(r.fixedBytes),
          fixed(r.r2, 4),
          r.points.map((point) => `${point.contentBytes} → ${point.wireBytes}`).join(", "),
        ]),
      ),
    );
  }
  if (scenarios.bystander) {
    sections.push(
      "## Bystander\n\n`GET /api/conversations/:id` called back to back (10 ms apart), alone and while paced SSE streams run.\n",
      table(
        ["Target", "Streams", "Idle p50 / p99 ms", "Busy p50 / p99 ms", "Calls while busy"],
        scenarios.bystander.map((r) => [r.target, r.streams, p50p99(r.idle), p50p99(r.busy), r.busy.n]),
      ),
    );
  }
  if (scenarios.idle) {
    sections.push(
      "## Idle connections\n\nMemory growth of the server (after a full GC) per open idle WebSocket.\n",
      table(
        ["Server", "Opened", "RSS KiB / connection", "V8 heap KiB / connection", "ulimit -n"],
        scenarios.idle.map((r) => [
          r.target,
          `${r.opened} of ${r.connections}`,
          fixed(r.rssPerConnection / 1024),
          fixed(r.heapPerConnection / 1024),
          r.openFilesLimit,
        ]),
      ),
    );
  }
  if (scenarios.web) {
    const { answer, thread } = scenarios.web;
    const frameCells = (stats: FrameStats) => [
      stats.frames,
      stats.p95FrameMs,
      stats.maxFrameMs,
      stats.slowFrames,
      stats.longestTaskMs,
      stats.longTasks,
    ];
    sections.push(
      "## Web app\n\nHeadless Chromium (1280×800) on the built app; Slipstream in the bench process (SQLite), answered " +
        "by a scripted provider (the answer in deltas of 40 characters, 1 ms apart). Frame intervals from " +
        "requestAnimationFrame, long tasks from PerformanceObserver. The conversation is scrolled up two screens a step, a step about every frame.\n",
      table(
        [
          "Measure",
          "Took",
          "Frames",
          "p95 frame ms",
          "Max frame ms",
          "Frames over 50 ms",
          "Longest task ms",
          "Long tasks",
        ],
        [
          [
            `stream a ${count(answer.tokens)}-token Markdown answer (${count(answer.characters)} characters, ` +
              `${count(answer.blocks)} blocks, ${answer.intact ? "stored intact" : "**not stored intact**"})`,
            `${fixed(answer.seconds)} s`,
            ...frameCells(answer.frames),
          ],
          [
            `open a conversation of ${count(thread.messages)} messages (click to last message visible)`,
            `${count(thread.openMs)} ms`,
            ...frameCells(thread.opening),
          ],
          [
            `scroll it from its end to its first message (${count(thread.rendered)} messages on the page then)`,
            `${fixed(thread.scrollSeconds)} s`,
            ...frameCells(thread.scrolling),
          ],
        ],
      ),
    );
  }
  if (scenarios.storage) {
    sections.push(
      "## Storage\n\nMessages (1 KiB of content each) inserted through Slipstream's messages repository, not the HTTP API, " +
        "in a process of its own.\n",
      table(
        ["Store", "Sequential msg/s", "Concurrent msg/s", "In flight"],
        scenarios.storage.map((r) => [
          r.store,
          count(r.sequentialPerSecond),
          count(r.concurrentPerSecond),
          r.concurrency,
        ]),
      ),
    );
  }
  return sections;
}

const profileRows = (entries: ProfileEntry[]) =>
  entries.map((entry) => [`\`${entry.name}\``, fixed(entry.selfMs, 0), fixed(entry.percent)]);

function profileSection({ scenarios }: BenchResults): string[] {
  const windows = scenarios.profile?.windows ?? [];
  return windows.flatMap(({ scenario, run, summary }) => [
    `## CPU profile: ${scenario}\n\n\`node --cpu-prof\` on a separate Slipstream process ` +
      `(${count(run.eventsPerSecond)} events/s, ${fixed(run.cpuMicrosPerEvent)} µs CPU/event while profiled, ` +
      `${integrityText(run.integrity)}). Busy time in the measured window ${count(summary.busyMs)} ms ` +
      "(start-up and warm-up left out).\n",
    table(["Module", "Self ms", "% of busy"], profileRows(summary.modules)),
    "",
    table(["Function", "Self ms", "% of busy"], profileRows(summary.functions)),
    "",
    "The same samples charged to the innermost Slipstream function on their stack (what it called included; " +
      "work resumed from the microtask queue has none):",
    "",
    table(["Slipstream function", "ms", "% of busy"], profileRows(summary.slipstreamPaths)),
  ]);
}

/** CPU per delivered token of Slipstream, the AI SDK route and the bare relay at the busiest common concurrency. */
function cpuPerToken({ scenarios }: BenchResults): string {
  const runs = scenarios.throughput ?? [];
  const names = ["slipstream sse (embedded)", "ai sdk route sse", "bare relay sse"];
  const concurrency = Math.max(
    ...runs
      .filter((r) => names.every((name) => runs.some((o) => o.target === name && o.concurrency === r.concurrency)))
      .map((r) => r.concurrency),
  );
  const costs = names.map((name) => runs.find((r) => r.target === name && r.concurrency === concurrency));
  if (costs.some((r) => r?.cpuMicrosPerDelta === undefined)) return "";
  const [own, aiSdk, relay] = costs.map((r) => r?.cpuMicrosPerDelta ?? Number.NaN) as [number, number, number];
  return (
    `CPU per delivered token at ${concurrency} unpaced streams: Slipstream over SSE ${fixed(own)} µs, the bare AI SDK ` +
    `route ${fixed(aiSdk)} µs, the bare relay ${fixed(relay)} µs. The AI SDK pipeline alone (streamText → UI message ` +
    `stream) costs ${fixed(aiSdk / relay)}× the relay, so the 1.5× goal cannot be met while every token goes through it; ` +
    `Slipstream adds ${fixed(own - aiSdk)} µs per token on top of it.`
  );
}

function closingNote(results: BenchResults, checks: GoalCheck[]): string {
  const unmet = checks.filter((check) => check.met === false).sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0));
  const worst = unmet[0];
  const profiles = results.scenarios.profile?.windows ?? [];
  const where = profiles.map(
    ({ scenario, summary }) =>
      `${scenario}: ${summary.modules
        .slice(0, 5)
        .map((entry) => `${entry.name} ${fixed(entry.percent, 0)}%`)
        .join(", ")}`,
  );
  const costs = cpuPerToken(results);
  return [
    "## Closing note",
    worst
      ? `${unmet.length} of ${checks.length} goal checks are not met. The largest gap: **${worst.goal}** for ${worst.subject}, ` +
        `${worst.measured} against ${worst.target} (${fixed(worst.ratio, 1)}× off).`
      : `All ${checks.length} goal checks are met.`,
    costs,
    where.length ? `Where the server's busy time goes (self time by module) — ${where.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The Markdown report of a run: conditions, the goals table, every scenario's table, the profile, a closing note. */
export function renderReport(results: BenchResults): string {
  const checks = checkGoals(results);
  const { machine } = results;
  const header = [
    `# Slipstream benchmark, ${results.date} (${results.mode})`,
    `Reproduce with \`${results.command}\` at commit ${machine.commit}` +
      `${machine.uncommittedFiles ? ` (plus ${machine.uncommittedFiles} uncommitted server/package files)` : ""}. ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `ulimit -n ${machine.openFilesLimit}. Load average (1/5/15 min) ${results.loadAverage.start.join(" / ")} at the start, ` +
      `${results.loadAverage.end.join(" / ")} at the end; every process (load generator, provider, servers, peers, Redis, Postgres) ` +
      `shares the same cores. Run took ${Math.round(results.durationSeconds)} s.`,
    results.skipped.length ? `Skipped: ${results.skipped.join("; ")}.` : "",
    Object.keys(results.errors).length
      ? `Scenarios that failed: ${Object.entries(results.errors)
          .map(([name, message]) => `${name} (${message})`)
          .join("; ")}.`
      : "",
  ].filter(Boolean);
  return `${[
    ...header,
    goalsSection(results, checks),
    ...scenarioSections(results),
    ...profileSection(results),
    closingNote(results, checks),
  ].join("\n\n")}\n`;
}
