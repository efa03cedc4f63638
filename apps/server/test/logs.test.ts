import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain, waitForListening } from "./server-process.ts";

const MAIN = join(import.meta.dirname, "../src/main.ts");
const SCRIPT = "/usr/bin/script";

/** Runs the server with its stdout on a pseudo-terminal (util-linux `script`), until it says where it listens. */
function runOnTerminal(env: Record<string, string>) {
  const child = spawn(SCRIPT, ["-qfec", `${process.execPath} ${MAIN}`, "/dev/null"], {
    env: { PATH: process.env.PATH ?? "", TERM: "dumb", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on http/.test(output)) resolve(output);
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  return { child, listening };
}

describe("server logs", () => {
  it("are JSON lines when stdout is not a terminal, with the start-up summary", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipstream-logs-"));
    const run = runMain({ PORT: "0", DATA_DIR: dataDir, NODE_ENV: "development" });
    try {
      await waitForListening(run.child, /(listening on http)/);
      const line = run
        .output()
        .split("\n")
        .find((entry) => entry.includes("listening on")) as string;
      const record = JSON.parse(line);
      expect(record.startup).toMatchObject({ providers: ["demo"], signIn: ["password"], telemetry: "off" });
      expect(record.startup.store).toMatch(/^sqlite /);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync(SCRIPT))("are pretty-printed on a terminal in development, and JSON in production", async () => {
    for (const [env, pretty] of [
      ["development", true],
      ["production", false],
    ] as const) {
      const dataDir = await mkdtemp(join(tmpdir(), "slipstream-logs-"));
      const { child, listening } = runOnTerminal({
        PORT: "0",
        DATA_DIR: dataDir,
        NODE_ENV: env,
        SESSION_SECRET: "a production secret of at least thirty-two characters",
        KEYS_MASTER_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      });
      try {
        const output = await listening;
        const line = output.split(/\r?\n/).find((entry) => entry.includes("listening on")) as string;
        expect(line.trimStart().startsWith("{"), `${env}: ${line}`).toBe(!pretty);
        if (pretty) expect(line).toMatch(/INFO/);
      } finally {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  });
});
