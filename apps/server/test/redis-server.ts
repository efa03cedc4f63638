import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type RedisServer = {
  url: string;
  /** SIGKILLs the server; it keeps nothing, so a later `start` comes back empty on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });

const answersPing = (port: number) => pingsBack(connect({ port, host: "127.0.0.1" }), "connect");

/** Whether a Redis on `socket` answers PING within half a second, once the socket is `ready` (connected, or TLS up). */
export const pingsBack = (socket: Socket, ready: "connect" | "secureConnect") =>
  new Promise<boolean>((resolve) => {
    socket.setTimeout(500);
    socket.once(ready, () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

/** Runs `redis-server` on `port`; resolves once it answers, or with its error output if it exits first. */
async function launch(port: number, dir: string): Promise<{ child: ChildProcess } | { error: string }> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  const child = spawn("redis-server", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await answersPing(port)) return { child };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  await exited(child);
  return { error: stderr || `exit code ${child.exitCode}` };
}

/**
 * Starts a private, non-persistent `redis-server` on a free port for one test file.
 * Returns `{ skip }` when the binary is missing, unless REQUIRE_SERVICES=1 demands it.
 */
export async function startRedisServer(): Promise<RedisServer | { skip: string }> {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (probe.error) {
    if (process.env.REQUIRE_SERVICES === "1") {
      throw new Error("REQUIRE_SERVICES=1 but the redis-server binary was not found on PATH", { cause: probe.error });
    }
    return { skip: "redis-server not found" };
  }

  const dir = await mkdtemp(join(tmpdir(), "slipstream-redis-"));
  let lastError = "";
  // The free port can be taken between probing and binding, so try a few times.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const first = await launch(port, dir);
    if ("error" in first) {
      lastError = first.error;
      continue;
    }
    let child: ChildProcess | undefined = first.child;
    const kill = async () => {
      child?.kill("SIGKILL");
      if (child) await exited(child);
      child = undefined;
    };
    return {
      url: `redis://127.0.0.1:${port}`,
      kill,
      async start() {
        const again = await launch(port, dir);
        if ("error" in again) throw new Error(`redis-server did not restart: ${again.error}`);
        child = again.child;
      },
      async stop() {
        await kill();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`redis-server did not start: ${lastError}`);
}
