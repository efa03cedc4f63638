import { spawnSync } from "node:child_process";

// The browser tests run after the rest, on their own, so that their frame timings are not taken on a busy machine.
// Arguments (a path, `-t name`) go to both runs; a run they leave without files passes.
const args = process.argv.slice(2);
const runs = [
  ["--project", "node", "--project", "web"],
  ["--project", "e2e"],
];
for (const projects of runs) {
  const { status } = spawnSync("vitest", ["run", ...projects, "--passWithNoTests", ...args], {
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (status !== 0) process.exit(status ?? 1);
}
