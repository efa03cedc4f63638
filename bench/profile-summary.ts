/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that a self-time summary needs. */
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
  /** µs on the monotonic clock that `process.hrtime` reads too, so any process can name a window of it. */
  startTime: number;
};

export type ProfileEntry = { name: string; selfMs: number; percent: number };
export type ProfileSummary = { busyMs: number; functions: ProfileEntry[]; modules: ProfileEntry[] };

const IDLE = "(idle)";

/** Where a script's time belongs: a package, a Slipstream source file, a Node internal area, or V8 itself. */
export function moduleOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1] as string;
  const source = /\/(apps\/[^/]+\/src\/.+|packages\/[^/]+\/src\/.+|bench\/.+)$/.exec(url);
  if (source) return (source[1] as string).replace(/^apps\/server\/src\//, "server/");
  const internal = /^node:internal\/([^/]+)/.exec(url);
  if (internal) return `node:${internal[1]}`;
  return url.startsWith("node:") ? url : "(other)";
}

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|apps|packages|bench)\//, "$1/");

function top(selfMs: Map<string, number>, busyMs: number, count: number): ProfileEntry[] {
  return [...selfMs]
    .map(([name, ms]) => ({ name, selfMs: ms, percent: (100 * ms) / busyMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count);
}

/**
 * Self time per function and per module within a window of the monotonic clock (µs), idle time left out,
 * largest first.
 */
export function summarizeProfile(
  profile: CpuProfile,
  { fromMicros, toMicros, count = 15 }: { fromMicros: number; toMicros: number; count?: number },
): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let busyMicros = 0;
  let timestamp = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const frame = nodes.get(nodeId);
    const micros = profile.timeDeltas[index] ?? 0;
    timestamp += micros;
    if (!frame || frame.functionName === IDLE || timestamp < fromMicros || timestamp > toMicros) return;
    busyMicros += micros;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ""}`;
    byFunction.set(name.trim(), (byFunction.get(name.trim()) ?? 0) + micros / 1000);
    const module = moduleOf(frame.url, frame.functionName);
    byModule.set(module, (byModule.get(module) ?? 0) + micros / 1000);
  });
  const busyMs = busyMicros / 1000;
  return { busyMs, functions: top(byFunction, busyMs, count), modules: top(byModule, busyMs, count) };
}
