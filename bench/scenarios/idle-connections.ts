import { setTimeout as sleep } from "node:timers/promises";
import type { WebSocket } from "ws";
import { inBatches } from "../load/batches.ts";
import { describeMachine, loadAverage } from "../machine.ts";
import { type Child, startChild } from "../process/spawn.ts";
import { openWebSocket } from "../targets/relay-ws.ts";
import { startSlipstream } from "../targets/slipstream.ts";
import type { ScenarioContext } from "./context.ts";

export type IdleResult = {
  target: string;
  connections: number;
  opened: number;
  /** Growth of the server's RSS and of its V8 heap (both after a full GC) per open connection, bytes. */
  rssPerConnection: number;
  heapPerConnection: number;
  openFilesLimit: string;
  loadAverage: number[];
};

async function holdIdle(
  name: string,
  server: Child,
  count: number,
  open: (index: number) => Promise<WebSocket>,
): Promise<IdleResult> {
  const load = loadAverage();
  const before = await server.stats({ gc: true });
  const sockets = await inBatches(count, (index) => open(index).catch(() => undefined), 200);
  const opened = sockets.filter((socket) => socket !== undefined);
  await sleep(1000);
  const after = await server.stats({ gc: true });
  for (const socket of opened) socket.terminate();
  await sleep(500);
  return {
    target: name,
    connections: count,
    opened: opened.length,
    rssPerConnection: (after.rssBytes - before.rssBytes) / Math.max(opened.length, 1),
    heapPerConnection: (after.heapUsedBytes - before.heapUsedBytes) / Math.max(opened.length, 1),
    openFilesLimit: describeMachine().openFilesLimit,
    loadAverage: load,
  };
}

/**
 * Memory an idle WebSocket costs the server: Slipstream's authenticated sockets against a bare `ws` server. Both
 * are fresh processes, so that heap left free by earlier load does not absorb the growth.
 */
export async function measureIdleConnections({ rig, sizes, log }: ScenarioContext): Promise<IdleResult[]> {
  const results: IdleResult[] = [];
  const slipstream = await startSlipstream({ label: "idle", providerUrl: rig.provider.url });
  results.push(
    await holdIdle("slipstream ws (embedded)", slipstream.child, sizes.idleConnections, (index) =>
      openWebSocket(`${slipstream.url.replace("http", "ws")}/ws`, {
        cookie: slipstream.cookies[index % slipstream.cookies.length] as string,
        origin: slipstream.url,
      }),
    ),
  );
  await slipstream.child.stop();
  const relay = await startChild({
    name: "bare ws server (idle)",
    entry: new URL("../peers/relay.ts", import.meta.url).pathname,
    env: { PROVIDER_URL: `${rig.provider.url}/v1` },
  });
  results.push(
    await holdIdle("bare ws server", relay, sizes.idleConnections, () =>
      openWebSocket(`${relay.url.replace("http", "ws")}/ws`),
    ),
  );
  await relay.stop();
  for (const result of results) {
    log(
      `idle ${result.target}: ${result.opened}/${result.connections} open, ` +
        `${(result.rssPerConnection / 1024).toFixed(1)} KiB RSS, ${(result.heapPerConnection / 1024).toFixed(1)} KiB heap each`,
    );
  }
  return results;
}
