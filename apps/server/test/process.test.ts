import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain, startMain } from "./server-process.ts";
import { removeDir, signedInClient } from "./support.ts";

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
      const run = await startMain({ DATA_DIR: dataDir });
      const { url } = run;
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
