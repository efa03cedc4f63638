import type { BenchResults } from "./results.ts";

/** One goal against one measured subject; `met` is undefined when the scenario did not produce the number. */
export type GoalCheck = {
  goal: string;
  subject: string;
  target: string;
  measured: string;
  met?: boolean;
  ratio?: number;
};

const ms = (value: number) => `${value.toFixed(2)} ms`;

const wholeMs = (value: number) => `${Math.round(value)} ms`;

/**
 * The web app's budgets, from the e2e test that used to assert them: loose enough for a shared 2-core machine,
 * tight enough to catch a page that renders or lays out a whole long answer again as it grows (p95 frame 160+ ms).
 */
const WEB_GOALS = { p95FrameMs: 120, longestTaskMs: 400, openMs: 3000 };
const WEB_SUBJECT = "web app (headless Chromium)";

/** Slipstream's targets named in results start with "slipstream"; the peers do not. */
const isSlipstream = (name: string) => name.startsWith("slipstream");

/**
 * Checks of the goals against a run. `ratio` is measured ÷ allowed (or required ÷ measured for "at least"
 * goals), so that the largest ratio is the largest gap.
 */
export function checkGoals({ scenarios }: BenchResults): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const below = (goal: string, subject: string, value: number, limit: number, format: (v: number) => string) =>
    checks.push({
      goal,
      subject,
      target: `< ${format(limit)}`,
      measured: format(value),
      met: value < limit,
      ratio: value / limit,
    });
  const atLeast = (
    goal: string,
    subject: string,
    value: number,
    floor: number,
    format: (v: number) => string,
    measured = format(value),
  ) =>
    checks.push({
      goal,
      subject,
      target: `≥ ${format(floor)}`,
      measured,
      met: value >= floor,
      ratio: value > 0 ? floor / value : Number.POSITIVE_INFINITY,
    });

  const ttft = scenarios.ttft ?? [];
  const ttftConcurrency = Math.max(...ttft.filter((r) => r.concurrency <= 100).map((r) => r.concurrency), 0);
  for (const result of ttft.filter((r) => isSlipstream(r.target) && r.concurrency === ttftConcurrency)) {
    below(`TTFT added p50 at ${ttftConcurrency} streams`, result.target, result.addedP50, 2, ms);
    below(`TTFT added p99 at ${ttftConcurrency} streams`, result.target, result.addedP99, 10, ms);
  }

  const replyCost = scenarios.replyCost ?? [];
  const relayCost = replyCost.find((r) => r.target === "bare relay sse");
  for (const result of replyCost.filter((r) => isSlipstream(r.target))) {
    if (relayCost) {
      below(
        `CPU per paced token (${result.pacedDeltas}-token reply, its per-reply work included) ÷ bare relay's`,
        result.target,
        result.cpuMicrosPerPacedToken / relayCost.cpuMicrosPerPacedToken,
        2,
        (v) => `${v.toFixed(2)}×`,
      );
    }
    if (result.target.includes("(embedded)")) below("CPU per reply", result.target, result.cpuMsPerReply, 1, ms);
  }

  for (const result of (scenarios.capacity ?? []).filter((r) => isSlipstream(r.target))) {
    // Failing the first level tried only says "fewer than that many": the ratio takes that bound.
    const firstTried = result.levels[0]?.streams ?? 1;
    const bound = result.sustained || firstTried;
    const measured = result.sustained ? `${bound}` : `< ${firstTried}`;
    atLeast("paced streams sustained, none lost", result.target, bound, 1000, (v) => `${v}`, measured);
    const relay = (scenarios.capacity ?? []).find((r) => r.target === "bare relay sse");
    if (relay?.sustained) {
      atLeast(
        "paced streams sustained ÷ bare relay's",
        result.target,
        (result.sustained || 0) / relay.sustained,
        0.8,
        (v) => `${v.toFixed(2)}×`,
      );
    }
  }

  const throughput = (scenarios.throughput ?? []).filter((r) => isSlipstream(r.target));
  const best = throughput.reduce<(typeof throughput)[number] | undefined>(
    (top, r) => (top && top.eventsPerSecond >= r.eventsPerSecond ? top : r),
    undefined,
  );
  if (best) {
    atLeast("events delivered per second", `${best.target} ×${best.concurrency}`, best.eventsPerSecond, 100_000, (v) =>
      Math.round(v).toLocaleString("en-US"),
    );
  }

  for (const result of (scenarios.idle ?? []).filter((r) => isSlipstream(r.target))) {
    below(
      `memory per idle WebSocket (${result.opened} open)`,
      result.target,
      result.rssPerConnection / 1024,
      10,
      (v) => `${v.toFixed(1)} KiB`,
    );
  }
  for (const result of (scenarios.resume ?? []).filter((r) => isSlipstream(r.target))) {
    below(
      `resume to first missed event p99, ${result.concurrentResumes} at once`,
      result.target,
      result.resumeMs.p99,
      20,
      ms,
    );
  }
  for (const result of scenarios.bystander ?? []) {
    below(`REST p99 while ${result.streams} streams run`, result.target, result.busy.p99, 10, ms);
  }

  const wire = scenarios.wire ?? [];
  const framing = wire.find((r) => r.target.startsWith("ai sdk route"));
  for (const result of wire.filter((r) => isSlipstream(r.target))) {
    if (!framing) continue;
    const ratio = result.bytesPerContentByte / framing.bytesPerContentByte;
    below("wire bytes per content byte ÷ AI SDK route's", result.target, ratio, 1.3, (v) => `${v.toFixed(2)}×`);
  }

  const throughputAt = (name: string, concurrency: number) =>
    (scenarios.throughput ?? []).find((r) => r.target === name && r.concurrency === concurrency);
  for (const concurrency of new Set(throughput.map((r) => r.concurrency))) {
    for (const [slipstream, relay] of [
      ["slipstream sse (embedded)", "bare relay sse"],
      ["slipstream ws (embedded)", "bare relay ws"],
    ] as const) {
      const own = throughputAt(slipstream, concurrency)?.cpuMicrosPerDelta;
      const limit = throughputAt(relay, concurrency)?.cpuMicrosPerDelta;
      if (own === undefined || limit === undefined) continue;
      below(
        `CPU per delivered token ÷ ${relay}'s, ×${concurrency}`,
        slipstream,
        own / limit,
        1.5,
        (v) => `${v.toFixed(2)}×`,
      );
    }
  }

  const { web } = scenarios;
  if (web) {
    const { answer, thread } = web;
    const streaming = `while a ${answer.tokens.toLocaleString("en-US")}-token answer streams`;
    below(`p95 frame ${streaming}`, WEB_SUBJECT, answer.frames.p95FrameMs, WEB_GOALS.p95FrameMs, wholeMs);
    below(`longest task ${streaming}`, WEB_SUBJECT, answer.frames.longestTaskMs, WEB_GOALS.longestTaskMs, wholeMs);
    const conversation = `a conversation of ${thread.messages.toLocaleString("en-US")} messages`;
    below(`open ${conversation}`, WEB_SUBJECT, thread.openMs, WEB_GOALS.openMs, wholeMs);
    below(
      `longest task opening ${conversation}`,
      WEB_SUBJECT,
      thread.opening.longestTaskMs,
      WEB_GOALS.longestTaskMs,
      wholeMs,
    );
    below(
      `p95 frame scrolling it to its start`,
      WEB_SUBJECT,
      thread.scrolling.p95FrameMs,
      WEB_GOALS.p95FrameMs,
      wholeMs,
    );
    below(`longest task scrolling it`, WEB_SUBJECT, thread.scrolling.longestTaskMs, WEB_GOALS.longestTaskMs, wholeMs);
  }
  return checks;
}

/** The published figures for the peers, beside what this run measured for the same peers. */
export function peerReferences({ scenarios }: BenchResults) {
  const ttft = scenarios.ttft ?? [];
  const portkeyTtft = ttft
    .filter((r) => r.target.startsWith("portkey"))
    .sort((a, b) => a.concurrency - b.concurrency)[0];
  const portkeyCapacity = scenarios.capacity?.find((r) => r.target.startsWith("portkey"));
  const relayCapacity = scenarios.capacity
    ?.filter((r) => r.target.startsWith("bare relay"))
    .sort((a, b) => b.sustained - a.sustained)[0];
  const ws = scenarios.idle?.find((r) => r.target === "bare ws server");
  return [
    {
      figure: "Portkey adds ~28 ms TTFT p50",
      measured: portkeyTtft ? `${ms(portkeyTtft.addedP50)} at ×${portkeyTtft.concurrency}` : "–",
    },
    {
      figure: "Portkey sustains 32 paced streams (4 cores)",
      measured: portkeyCapacity ? `${portkeyCapacity.sustained}` : "–",
    },
    {
      figure: "best rigs sustain 512 paced streams (4 cores)",
      measured: relayCapacity ? `${relayCapacity.target}: ${relayCapacity.sustained}` : "–",
    },
    {
      figure: "`ws` holds ~19 KiB per idle connection",
      measured: ws ? `${(ws.rssPerConnection / 1024).toFixed(1)} KiB RSS` : "–",
    },
    {
      figure: "LiteLLM adds ~150 ms, the fastest Go gateway ~4.7 ms TTFT",
      measured: "not run here (no Python/Go peers)",
    },
  ];
}
