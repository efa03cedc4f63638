import { UNPACED } from "../reply.ts";
import { linearFit } from "../stats.ts";
import { slipstreamSseTarget, slipstreamWsTarget } from "../targets/slipstream-targets.ts";
import { closeAll } from "../targets/target.ts";
import type { ScenarioContext } from "./context.ts";

export type WireBytesResult = {
  target: string;
  points: { contentBytes: number; wireBytes: number }[];
  /** Wire bytes per extra content byte, and the fixed cost of a reply, from a least-squares line. */
  bytesPerContentByte: number;
  fixedBytes: number;
  r2: number;
};

/**
 * Bytes a client reads for one reply against the reply's own size, at a few sizes: the whole HTTP response
 * (headers, chunked encoding) for SSE, frames with their headers for WebSocket.
 */
export async function measureWireBytes({ rig, sizes, log }: ScenarioContext): Promise<WireBytesResult[]> {
  const results: WireBytesResult[] = [];
  const targets = [rig.direct, slipstreamSseTarget(rig.embedded), slipstreamWsTarget(rig.embedded), ...rig.peers];
  for (const target of targets) {
    const [session] = await target.openSessions(1);
    if (!session) continue;
    const points: WireBytesResult["points"] = [];
    for (const deltas of sizes.wireDeltas) {
      const shape = { ...UNPACED, deltas };
      const outcome = await session.stream(shape);
      if (outcome.error || outcome.wireBytes === undefined) continue;
      points.push({ contentBytes: deltas * shape.deltaBytes, wireBytes: outcome.wireBytes });
    }
    closeAll([session]);
    const fit = linearFit(points.map((point) => ({ x: point.contentBytes, y: point.wireBytes })));
    results.push({
      target: target.name,
      points,
      bytesPerContentByte: fit.slope,
      fixedBytes: fit.intercept,
      r2: fit.r2,
    });
    log(`wire ${target.name}: ${fit.slope.toFixed(2)} bytes per content byte + ${Math.round(fit.intercept)} per reply`);
  }
  return results;
}
