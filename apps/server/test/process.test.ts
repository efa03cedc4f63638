import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeDir, signedInClient } from "./support.ts";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;

/** Runs the server entry point as `npm start` does and collects its output until it exits or `until` matches. */
function runMain(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" });
  let output = "";
  const ready = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

describe("the server process", () => {
  it("refuses to start in production without a strong SESSION_SECRET, saying why", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipstream-process-"));
    try {
      for (const secret of [undefined, "short"]) {
        const run = runMain({
          NODE_ENV: "production",
          DATA_DIR: dataDir,
          PORT: "0",
          ...(secret ? { SESSION_SECRET: secret } : {}),
        });
        expect(await run.exited).toBe(1);
        expect(run.output()).toContain("SESSION_SECRET: required in production");
        expect(run.output()).not.toMatch(/\bat .+\(.*:\d+:\d+\)/);
      }
    } finally {
      await removeDir(dataDir);
    }
  });

  it("reports every invalid variable at once", async () => {
    const run = runMain({ PORT: "not-a-port", DATABASE_URL: "mysql://nope", LOG_LEVEL: "loud" });
    expect(await run.exited).toBe(1);
    for (const name of ["PORT", "DATABASE_URL", "LOG_LEVEL"]) expect(run.output()).toContain(name);
  });

  it("starts with defaults, answers health checks, and on SIGTERM closes sockets with 1001 and exits 0", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipstream-process-"));
    try {
      const run = runMain({ DATA_DIR: dataDir, PORT: "0" }, /listening on (http:\/\/\S+)/);
      await run.ready;
      const url = /listening on (http:\/\/[^\s"]+)/.exec(run.output())?.[1] ?? "";
      expect(await (await fetch(new URL("/healthz", url))).json()).toEqual({ status: "ok" });
      const page = await fetch(new URL("/", url));
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      const { client } = await signedInClient(url);
      const realtime = await client.connect();
      run.child.kill("SIGTERM");
      expect((await realtime.closed).code).toBe(1001);
      expect(await run.exited).toBe(0);
    } finally {
      await removeDir(dataDir);
    }
  });
});
