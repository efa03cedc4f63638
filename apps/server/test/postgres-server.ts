import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type PostgresServer = {
  /** A connection URL for the cluster's `postgres` database, as the trusted superuser. */
  url: string;
  /** `pg_ctl stop -m immediate`: every backend is killed at once, as in a crash; nothing is checkpointed. */
  kill(): Promise<void>;
  /** Starts the cluster again on the same port and data (crash recovery runs first) and waits until it accepts. */
  start(): Promise<void>;
  /** Stops the cluster and removes its data. */
  stop(): Promise<void>;
};

const BIN_ROOT = "/usr/lib/postgresql";
const START_TIMEOUT_SECONDS = 30;

/** The newest Debian install of the server binaries, or undefined. */
function findBinaries(): string | undefined {
  if (!existsSync(BIN_ROOT)) return undefined;
  const versions = readdirSync(BIN_ROOT)
    .filter((name) => existsSync(join(BIN_ROOT, name, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(BIN_ROOT, versions[0], "bin");
}

/** Postgres refuses to run as root: there, the cluster runs as the `postgres` system user. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error("running as root, and there is no postgres user to run the cluster as");
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const freePort = () =>
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

/** Runs one of the cluster's tools to its end; rejects with its output when it fails. */
function run(bin: string, tool: string, args: string[], user: { uid: number; gid: number } | undefined) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(join(bin, tool), args, {
      stdio: ["ignore", "pipe", "pipe"],
      ...(user ?? {}),
      env: { PATH: process.env.PATH ?? "", LANG: "C", LC_ALL: "C" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Starts a private Postgres cluster (`initdb` + `pg_ctl`, the Debian binaries) on a free port in a temporary
 * directory, for tests that stop and start the database itself. Returns `{ skip }` when the binaries are missing,
 * unless REQUIRE_SERVICES=1 demands them.
 */
export async function startPostgresServer(): Promise<PostgresServer | { skip: string }> {
  const bin = findBinaries();
  if (!bin) {
    const reason = `no Postgres server binaries under ${BIN_ROOT}/*/bin`;
    if (process.env.REQUIRE_SERVICES === "1") throw new Error(`REQUIRE_SERVICES=1 but there are ${reason}`);
    return { skip: reason };
  }
  const user = clusterUser();
  const root = await mkdtemp(join(tmpdir(), "slipstream-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "socket");
  await mkdir(dataDir);
  await mkdir(socketDir);
  if (user) await Promise.all([root, dataDir, socketDir].map((dir) => chown(dir, user.uid, user.gid)));
  const logFile = join(root, "postgres.log");

  // fsync off: a test cluster needs no durability against power loss, and an immediate stop keeps the OS cache.
  await run(
    bin,
    "initdb",
    ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
    user,
  );
  let lastError: unknown;
  // The free port can be taken between probing and binding, so try a few times.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    const start = () =>
      run(
        bin,
        "pg_ctl",
        ["-D", dataDir, "-o", options, "-l", logFile, "-w", "-t", String(START_TIMEOUT_SECONDS), "start"],
        user,
      );
    try {
      await start();
    } catch (error) {
      lastError = error;
      continue;
    }
    const stopWith = (mode: "immediate" | "fast") =>
      run(bin, "pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"], user);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      kill: () => stopWith("immediate"),
      start,
      async stop() {
        await stopWith("immediate").catch(() => undefined);
        await rm(root, { recursive: true, force: true });
      },
    };
  }
  await rm(root, { recursive: true, force: true });
  throw new Error("the private Postgres cluster did not start", { cause: lastError });
}
