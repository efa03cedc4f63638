import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const LOCKFILE = `${BENCH_DIR}package-lock.json`;
/** Written after a successful install: the hash of the lockfile it installed. */
const STAMP = `${BENCH_DIR}node_modules/.installed-lockfile-sha256`;

/**
 * The peers' packages (Portkey, resumable-stream) are the bench's own package, not a root workspace, so that
 * `npm install` of the product never fetches them. They are installed from bench/package-lock.json when
 * bench/node_modules is missing or was installed from another version of the lockfile.
 */
export function installBenchPackages({ log }: { log: (message: string) => void }) {
  const lockHash = createHash("sha256").update(readFileSync(LOCKFILE)).digest("hex");
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === lockHash) return;
  log("installing the bench's own packages (npm ci --prefix bench)");
  const { status, error } = spawnSync("npm", ["ci", "--prefix", BENCH_DIR, "--no-audit", "--no-fund"], {
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (error || status !== 0) throw new Error(`npm ci --prefix bench failed (${error?.message ?? `exit ${status}`})`);
  writeFileSync(STAMP, lockHash);
}
