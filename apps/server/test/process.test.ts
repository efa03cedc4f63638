import { spawn } from "node:child_process";
import { copyFile, mkdtemp, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWebIfStale } from "../../web/scripts/build-if-stale.ts";
import { startFakeProvider } from "./fake-provider/index.ts";
import { runMain, startMain } from "./server-process.ts";
import { eventually, removeDir, signedInClient } from "./support.ts";

const NPM_START_TIMEOUT_MS = 60_000;
const REPOSITORY = fileURLToPath(new URL("../../..", import.meta.url));
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

// The server serves the built web app at `/`; a fresh clone has none, so build it when stale, as `npm start` does.
beforeAll(() => buildWebIfStale(), 120_000);

/** A checkout of its own in a temp folder: the repository's root package.json, and the rest linked to this one. */
async function linkedCheckout() {
  const dir = await mkdtemp(join(tmpdir(), "slipstream-checkout-"));
  await copyFile(join(REPOSITORY, "package.json"), join(dir, "package.json"));
  for (const entry of ["apps", "packages", "scripts"]) await symlink(join(REPOSITORY, entry), join(dir, entry));
  return dir;
}

/** Runs the root `npm start` in `cwd` as a user would, waits until the server listens, then stops it with SIGTERM. */
async function startAndStopWithNpm({ cwd, env = {} }: { cwd: string; env?: Record<string, string> }) {
  const child = spawn("npm", ["start"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), PORT: "0", LOG_LEVEL: "info", ...env },
    // Its own process group, so that SIGTERM reaches npm, its shell and the server alike.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/listening on http:\/\//.test(output)) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      void exited.then((code) => reject(new Error(`npm start exited with ${code} before listening:\n${output}`)));
      // Fail before the test's own timeout, so that `finally` still stops the detached process group.
      timer = setTimeout(
        () => reject(new Error(`npm start did not listen in ${NPM_START_TIMEOUT_MS} ms:\n${output}`)),
        NPM_START_TIMEOUT_MS,
      );
    });
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  }
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
    let run: Awaited<ReturnType<typeof startMain>> | undefined;
    try {
      run = await startMain({ DATA_DIR: dataDir });
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
      // A failed expectation above would otherwise leave the server running.
      if (run?.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
      await removeDir(dataDir);
    }
  });
});

describe("an OpenAI-compatible server that is down at start", () => {
  it("is reported in the log as soon as the server starts", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "slipstream-process-"));
    const gone = await startFakeProvider();
    await gone.close();
    const run = await startMain({ DATA_DIR: dataDir, OPENAI_COMPATIBLE_BASE_URL: `${gone.url}/v1` });
    try {
      await eventually(() => expect(run.output()).toMatch(/could not list the models of the OpenAI-compatible server/));
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
      await removeDir(dataDir);
    }
  });
});

describe("npm start at the repository root", () => {
  it(
    "keeps its data in ./data of the checkout it was run in, or in DATA_DIR when that is set",
    async () => {
      const checkout = await linkedCheckout();
      const elsewhere = await mkdtemp(join(tmpdir(), "slipstream-data-dir-"));
      try {
        await startAndStopWithNpm({ cwd: checkout, env: { DATA_DIR: elsewhere } });
        expect(await exists(join(elsewhere, "slipstream.db"))).toBe(true);
        expect(await exists(join(checkout, "data"))).toBe(false);

        await startAndStopWithNpm({ cwd: checkout });
        expect(await exists(join(checkout, "data", "slipstream.db"))).toBe(true);
        expect(await exists(join(checkout, "data", "session-secret"))).toBe(true);
      } finally {
        // The links go, not what they point to.
        await Promise.all([removeDir(checkout), removeDir(elsewhere)]);
      }
    },
    2 * NPM_START_TIMEOUT_MS + 10_000,
  );
});
