import { spawnSync } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(WEB_DIR, "..", "..");
const E2E_DIR = join(WEB_DIR, "e2e");
const OUTPUT_DIR = join(E2E_DIR, ".output", "screenshots");
const COMMITTED_DIR = join(E2E_DIR, "screenshots");

/** The browser test files that take screenshots: those that call `saveScreenshot(…)`. */
async function screenshotTests(): Promise<string[]> {
  const files = (await readdir(E2E_DIR)).filter((name) => name.endsWith(".e2e.test.ts")).sort();
  const sources = await Promise.all(files.map((name) => readFile(join(E2E_DIR, name), "utf8")));
  return files.filter((_, index) => sources[index]?.includes("saveScreenshot(")).map((name) => join(E2E_DIR, name));
}

/**
 * Runs the browser tests that take screenshots (they save them in the ignored `e2e/.output/screenshots/`) and
 * copies the pictures into the committed `e2e/screenshots/`, which the README shows. Nothing is copied when
 * a test fails, so the committed pictures are always of a passing run.
 */
async function refreshScreenshots() {
  const tests = await screenshotTests();
  await rm(OUTPUT_DIR, { recursive: true, force: true });
  console.log(`Taking screenshots with ${tests.map((file) => relative(ROOT, file)).join(", ")}`);
  const run = spawnSync("npx", ["vitest", "run", "--project", "e2e", ...tests.map((file) => relative(ROOT, file))], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error(`the browser tests failed (exit ${run.status ?? run.signal}); nothing copied`);
  const taken = (await readdir(OUTPUT_DIR).catch(() => [])).filter((name) => name.endsWith(".png")).sort();
  if (taken.length === 0)
    throw new Error(`no screenshot in ${relative(ROOT, OUTPUT_DIR)}: did the browser tests skip?`);
  await mkdir(COMMITTED_DIR, { recursive: true });
  for (const name of taken) await copyFile(join(OUTPUT_DIR, name), join(COMMITTED_DIR, name));
  const stale = (await readdir(COMMITTED_DIR)).filter((name) => name.endsWith(".png") && !taken.includes(name));
  console.log(`Copied ${taken.length} screenshots to ${relative(ROOT, COMMITTED_DIR)}: ${taken.join(", ")}`);
  if (stale.length > 0) console.warn(`Not taken by any test, left as they were: ${stale.join(", ")}`);
}

await refreshScreenshots();
