import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Messages between the bench runner and the processes it starts (over the Node IPC channel). */
export type ParentRequest = { type: "stats"; id: number; gc?: boolean };
export type ChildMessage =
  | { type: "ready"; url: string }
  | { type: "stats"; id: number; cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage };

/**
 * The child side: tells the runner where it listens, reports its own CPU time and memory on request (after a full
 * GC when asked, so that memory deltas are not garbage), stops on SIGTERM, and exits when the runner is gone.
 */
export function serveParent({ url, stop }: { url: string; stop: () => Promise<void> }) {
  const send = (message: ChildMessage) => process.send?.(message);
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  process.on("message", (request: ParentRequest) => {
    if (request.type !== "stats") return;
    if (request.gc && collectGarbage) {
      collectGarbage();
      collectGarbage();
    }
    send({ type: "stats", id: request.id, cpu: process.cpuUsage(), memory: process.memoryUsage() });
  });
  let stopping = false;
  const exit = () => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", exit);
  process.on("disconnect", exit);
  send({ type: "ready", url });
}

/**
 * Listens on loopback with room for a burst of connections (a thousand streams connect within a second; the
 * default backlog of 511 would drop SYNs), and reports to the bench runner; `stop` runs before the server closes.
 */
export function listenForBench(server: Server, stop: () => Promise<void> = async () => undefined) {
  server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
    const { port } = server.address() as AddressInfo;
    serveParent({
      url: `http://127.0.0.1:${port}`,
      stop: async () => {
        await stop();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    });
  });
}
