import { spawnSync } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(WEB_DIR, "..", "..");
/** Everything the bundle is made from: a change to any of them makes `dist` stale. */
const SOURCES = [
  join(WEB_DIR, "index.html"),
  join(WEB_DIR, "vite.config.ts"),
  join(WEB_DIR, "package.json"),
  join(WEB_DIR, "src"),
  join(ROOT, "packages", "client", "src"),
  join(ROOT, "packages", "protocol", "src"),
];
const BUILT_PAGE = join(WEB_DIR, "dist", "index.html");

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Whether `apps/web/dist` is missing or older than one of its sources. */
export async function isWebBuildStale(): Promise<boolean> {
  const built = await stat(BUILT_PAGE).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  const sources = await Promise.all(SOURCES.map(newestChange));
  return Math.max(...sources) > built;
}

/** Builds the web app with Vite when `dist` is missing or stale, so `npm start` and the e2e tests serve the current app. */
export async function buildWebIfStale({ log = console.log }: { log?: (line: string) => void } = {}) {
  if (!(await isWebBuildStale())) return false;
  log("Building the web app (apps/web/dist)…");
  // A child process with NODE_ENV=production: under a test runner NODE_ENV is "test", which would bundle
  // React's development build.
  const build = spawnSync("npm", ["run", "build", "--silent", "--", "--logLevel", "warn"], {
    cwd: WEB_DIR,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error(`the web build failed (exit ${build.status ?? build.signal})`);
  return true;
}

if (import.meta.main) await buildWebIfStale();
