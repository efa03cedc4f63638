/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that a self-time summary needs. */
export type CpuProfile = {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  /** µs on the monotonic clock that `process.hrtime` reads too, so any process can name a window of it. */
  startTime: number;
};

export type ProfileEntry = { name: string; selfMs: number; percent: number };
export type ProfileSummary = {
  busyMs: number;
  /** Self time by function, and by package / Slipstream source file / Node internal area. */
  functions: ProfileEntry[];
  modules: ProfileEntry[];
  /**
   * Every sample charged to the innermost Slipstream function on its stack (libraries it called included): which
   * of Slipstream's own code paths the time is spent for. Samples with no Slipstream frame count as "(outside)".
   */
  slipstreamPaths: ProfileEntry[];
};

type Frame = CpuProfile["nodes"][number]["callFrame"];

const IDLE = "(idle)";
const OUTSIDE = "(outside Slipstream code: sockets, timers, GC)";

/** Where a script's time belongs: a package, a Slipstream source file, a Node internal area, or V8 itself. */
export function moduleOf({ url, functionName }: Frame): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1] as string;
  const source = /\/(apps\/[^/]+\/src\/.+|packages\/[^/]+\/src\/.+|bench\/.+)$/.exec(url);
  if (source) return (source[1] as string).replace(/^apps\/server\/src\//, "server/");
  const internal = /^node:internal\/([^/]+)/.exec(url);
  if (internal) return `node:${internal[1]}`;
  return url.startsWith("node:") ? url : "(other)";
}

const isSlipstream = (frame: Frame) => /\/(apps\/server\/src|packages\/[^/]+\/src)\//.test(frame.url);

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|apps|packages|bench)\//, "$1/");

const functionName = (frame: Frame) =>
  `${frame.functionName || "(anonymous)"}${frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ""}`;

function top(totals: Map<string, number>, busyMs: number, count: number): ProfileEntry[] {
  return [...totals]
    .map(([name, ms]) => ({ name, selfMs: ms, percent: (100 * ms) / busyMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count);
}

const add = (totals: Map<string, number>, key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);

/**
 * Self time per function and per module within a window of the monotonic clock (µs), idle time left out,
 * largest first, and the time charged to Slipstream's own functions.
 */
export function summarizeProfile(
  profile: CpuProfile,
  { fromMicros, toMicros, count = 15 }: { fromMicros: number; toMicros: number; count?: number },
): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const nearestSlipstream = new Map<number, string>();
  const pathOf = (nodeId: number): string => {
    const known = nearestSlipstream.get(nodeId);
    if (known !== undefined) return known;
    const frame = frames.get(nodeId);
    const parent = parents.get(nodeId);
    const path = frame && isSlipstream(frame) ? functionName(frame) : parent === undefined ? OUTSIDE : pathOf(parent);
    nearestSlipstream.set(nodeId, path);
    return path;
  };

  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const byPath = new Map<string, number>();
  let busyMs = 0;
  let timestamp = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    timestamp += micros;
    const frame = frames.get(nodeId);
    if (!frame || frame.functionName === IDLE || timestamp < fromMicros || timestamp > toMicros) return;
    const ms = micros / 1000;
    busyMs += ms;
    add(byFunction, functionName(frame), ms);
    add(byModule, moduleOf(frame), ms);
    add(byPath, pathOf(nodeId), ms);
  });
  return {
    busyMs,
    functions: top(byFunction, busyMs, count),
    modules: top(byModule, busyMs, count),
    slipstreamPaths: top(byPath, busyMs, count),
  };
}
