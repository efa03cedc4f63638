import { spawnSync } from "node:child_process";
import { chmod, chown, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestCa } from "./tls-ca.ts";

const POSTGRES_ROOT = "/usr/lib/postgresql";

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

async function postgresBin(): Promise<string | undefined> {
  try {
    const versions = (await readdir(POSTGRES_ROOT)).sort((a, b) => Number(b) - Number(a));
    return versions[0] ? join(POSTGRES_ROOT, versions[0], "bin") : undefined;
  } catch {
    return undefined;
  }
}

/** The `postgres` system user's ids, when this process is root (initdb refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * A private Postgres cluster (initdb + pg_ctl) on a free port that accepts only TLS connections, with `ca`'s server
 * certificate; or `{ skip }` when the Postgres binaries are not installed.
 */
export async function startTlsPostgres(
  ca: TestCa,
): Promise<{ port: number; stop(): Promise<void> } | { skip: string }> {
  const bin = await postgresBin();
  if (!bin) return { skip: `no Postgres server binaries under ${POSTGRES_ROOT}` };
  const owner = postgresUser();
  const root = await mkdtemp(join(tmpdir(), "slipstream-pg-tls-"));
  const data = join(root, "data");
  const run = (command: string, args: string[]) => {
    const full = owner
      ? spawnSync("runuser", ["-u", "postgres", "--", join(bin, command), ...args], { encoding: "utf8" })
      : spawnSync(join(bin, command), args, { encoding: "utf8" });
    if (full.status !== 0) throw new Error(`${command} failed: ${full.stderr}${full.stdout}`);
  };
  await mkdir(data);
  for (const name of ["server.pem", "server.key"]) await copyFile(join(ca.dir, name), join(root, name));
  await chmod(join(root, "server.key"), 0o600);
  if (owner)
    for (const path of [root, data, join(root, "server.pem"), join(root, "server.key")])
      await chown(path, owner.uid, owner.gid);
  await chmod(root, 0o755);
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  // TLS or nothing: a plain connection is rejected, so a passing test really went through TLS.
  await writeFile(
    join(data, "pg_hba.conf"),
    "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
  );
  if (owner) await chown(join(data, "pg_hba.conf"), owner.uid, owner.gid);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${root}`,
    "-c ssl=on",
    `-c ssl_cert_file=${join(root, "server.pem")}`,
    `-c ssl_key_file=${join(root, "server.key")}`,
    "-c fsync=off",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-l", join(root, "log"), "-o", options, "-w", "-t", "30", "start"]);
  return {
    port,
    async stop() {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      await rm(root, { recursive: true, force: true });
    },
  };
}
