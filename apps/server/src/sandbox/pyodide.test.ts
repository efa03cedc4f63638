import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate } from "node:timers/promises";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { createPyodideRuntime } from "./pyodide.ts";

const TIMEOUT_MS = 3_000;
const MEMORY_MB = 384;
const CONFIG = {
  languages: ["python" as const],
  timeoutMs: TIMEOUT_MS,
  memoryMb: 64,
  stackKb: 512,
  workers: 1,
  pythonMemoryMb: MEMORY_MB,
};
const runtime = createPyodideRuntime(CONFIG);
afterAll(() => runtime.close());

// Each run starts Pyodide in a child process of its own: seconds of CPU, more on a busy machine.
const BOOTS = { timeout: 180_000 };

/** Tries each escape in Python and reports, per attempt, `blocked: <exception>` or `escaped: <what it got>`. */
const escapes = (port: number) => `
import json, os, socket, urllib.request
results = {}
def attempt(name, action):
    try:
        results[name] = "escaped: " + repr(action())[:120]
    except BaseException as error:
        results[name] = "blocked: " + type(error).__name__

def mount_host_files():
    import pyodide_js
    pyodide_js.FS.mkdir("/host")
    pyodide_js.FS.mount(pyodide_js.FS.filesystems.NODEFS, {"root": "/etc"}, "/host")
    return open("/host/passwd").read()

attempt("read /etc/passwd", lambda: open("/etc/passwd").read())
attempt("mount host files", mount_host_files)
attempt("js process", lambda: __import__("js").process)
attempt("js globalThis", lambda: __import__("js").globalThis)
attempt("js Function", lambda: __import__("js").constructor.constructor("return process")())
attempt("run_js", lambda: __import__("pyodide.code", fromlist=["run_js"]).run_js("process.env"))
attempt("socket", lambda: socket.create_connection(("127.0.0.1", ${port}), timeout=2))
attempt("urlopen", lambda: urllib.request.urlopen("http://127.0.0.1:${port}/", timeout=2).read())
attempt("open_url", lambda: __import__("pyodide.http", fromlist=["open_url"]).open_url("http://127.0.0.1:${port}/"))
attempt("os.fork", lambda: os.fork())
attempt("micropip", lambda: __import__("micropip"))
print(os.environ)
json.dumps(results)
`;

describe("Python in Pyodide", BOOTS, () => {
  it("returns the last expression's value as Python writes it, and what the code printed", async () => {
    const run = await runtime.run({ code: "print('squares'); [n * n for n in range(4)] + [True, None]" });
    expect(run).toMatchObject({ ok: true, result: "[0, 1, 4, 9, True, None]", output: "squares\n" });
  });
});

describe("Python guests cannot escape", BOOTS, () => {
  it("reads no host file, reaches no network and sees none of the server's environment", async () => {
    process.env.SANDBOX_TEST_SECRET = "sk-do-not-leak-0123456789";
    const listener = createServer();
    let connections = 0;
    listener.on("connection", (socket) => {
      connections += 1;
      socket.destroy();
    });
    listener.listen(0, "127.0.0.1");
    await once(listener, "listening");
    try {
      const { port } = listener.address() as { port: number };
      const run = await runtime.run({ code: escapes(port) });
      expect(run.ok, run.error).toBe(true);
      const results = JSON.parse(String(run.result)) as Record<string, string>;
      expect(Object.keys(results)).toHaveLength(11);
      for (const [attempt, outcome] of Object.entries(results)) expect(outcome, attempt).toMatch(/^blocked: /);
      expect(run.output).not.toContain("sk-do-not-leak");
      expect(connections).toBe(0);
    } finally {
      delete process.env.SANDBOX_TEST_SECRET;
      listener.close();
    }
  });

  it("starts no process: a command that would leave a file behind leaves none", async () => {
    const dir = await mkdtemp(join(tmpdir(), "slipstream-sandbox-"));
    const marker = join(dir, "escaped");
    try {
      for (const code of [
        `import os\nos.system("touch ${marker}")`,
        `import subprocess\nsubprocess.run(["touch", "${marker}"])`,
      ]) {
        const run = await runtime.run({ code });
        // Pyodide asks Node for a child process, and the permission model refuses: the guest fails there.
        expect(run, code).toMatchObject({ ok: false });
        expect(existsSync(marker), code).toBe(false);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("stops an infinite loop at its time limit, without holding up the event loop", async () => {
    const looping = runtime.run({ code: "while True:\n    pass" });
    expect(await Promise.race([looping.then(() => "guest"), setImmediate("event loop")])).toBe("event loop");
    expect(await looping).toMatchObject({ ok: false, error: `Timed out after ${TIMEOUT_MS} ms.` });
  });

  it("stops a memory bomb at its memory limit", async () => {
    // A time limit the bomb cannot reach first, even when a busy machine gives the guest little CPU.
    const patient = createPyodideRuntime({ ...CONFIG, timeoutMs: 120_000 });
    onTestFinished(() => patient.close());
    const run = await patient.run({ code: "hoard = []\nwhile True:\n    hoard.append(b'x' * (8 * 1024 * 1024))" });
    expect(run.ok).toBe(false);
    // Python may see the WebAssembly memory run out first; either way the run ends at a limit.
    expect(run.error).toMatch(new RegExp(`memory limit \\(${MEMORY_MB} MB\\)|MemoryError`));
  });

  it("stops deep recursion with Python's own RecursionError", async () => {
    const run = await runtime.run({ code: "def dive(n):\n    return dive(n + 1)\ndive(0)" });
    expect(run).toMatchObject({ ok: false, error: expect.stringMatching(/^RecursionError/) });
  });
});
