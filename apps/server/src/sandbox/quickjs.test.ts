import { once } from "node:events";
import { createServer } from "node:net";
import { setImmediate } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createQuickJsRuntime } from "./quickjs.ts";

const TIMEOUT_MS = 1_000;
const runtime = createQuickJsRuntime({ timeoutMs: TIMEOUT_MS, memoryMb: 32, stackKb: 256, workers: 1 });
afterAll(() => runtime.close());

describe("QuickJS runtime", () => {
  it("returns the last expression's value and what the code printed", async () => {
    expect(await runtime.run({ code: "console.log('sum', [1, 2], {a: 1}); 1 + 1" })).toMatchObject({
      ok: true,
      result: "2",
      output: 'sum [1,2] {"a":1}\n',
    });
    expect(await runtime.run({ code: "'text stays text'" })).toMatchObject({ result: "text stays text" });
    expect(await runtime.run({ code: "({ list: [1, 'two'] })" })).toMatchObject({ result: '{"list":[1,"two"]}' });
    const nothing = await runtime.run({ code: "let x = 1" });
    expect(nothing.ok).toBe(true);
    expect(nothing.result).toBeUndefined();
  });

  it("awaits a promise the code ends with, and reports what the code threw", async () => {
    expect(await runtime.run({ code: "(async () => { await null; return 6 * 7 })()" })).toMatchObject({ result: "42" });
    expect(await runtime.run({ code: "console.log('before'); throw new TypeError('boom')" })).toMatchObject({
      ok: false,
      error: "TypeError: boom",
      output: "before\n",
    });
    expect(await runtime.run({ code: "Promise.reject(new Error('nope'))" })).toMatchObject({ error: "Error: nope" });
    expect(await runtime.run({ code: "new Promise(() => {})" })).toMatchObject({
      error: "The code's promise never settled.",
    });
  });

  it("gives each run a fresh guest: nothing one run leaves behind reaches the next", async () => {
    await runtime.run({ code: "globalThis.left = 'behind'; Object.prototype.polluted = true" });
    expect(await runtime.run({ code: "[typeof left, ({}).polluted]" })).toMatchObject({ result: '["undefined",null]' });
  });
});

describe("QuickJS guests cannot escape", () => {
  it("has no host API: no require, process, fetch, timers, modules or host objects", async () => {
    const run = await runtime.run({
      code: `const names = ["require", "process", "fetch", "XMLHttpRequest", "WebSocket", "setTimeout", "std", "os",
        "Deno", "Bun", "__emit", "module", "Buffer", "WebAssembly"];
      [names.filter((name) => typeof globalThis[name] !== "undefined"), Object.getOwnPropertyNames(globalThis).length]`,
    });
    const [present] = JSON.parse(String(run.result));
    expect(present).toEqual([]);
    for (const specifier of ["fs", "node:fs", "/etc/passwd", "std", "os", "net"]) {
      const imported = await runtime.run({ code: `import(${JSON.stringify(specifier)})` });
      expect(imported.ok, specifier).toBe(false);
    }
  });

  it("reaches no network: a listener on 127.0.0.1 gets no connection", async () => {
    const listener = createServer();
    let connections = 0;
    listener.on("connection", (socket) => {
      connections += 1;
      socket.destroy();
    });
    listener.listen(0, "127.0.0.1");
    await once(listener, "listening");
    const { port } = listener.address() as { port: number };
    const url = `http://127.0.0.1:${port}/`;
    const attempts = [
      `fetch(${JSON.stringify(url)})`,
      `new XMLHttpRequest().open("GET", ${JSON.stringify(url)})`,
      `new WebSocket("ws://127.0.0.1:${port}/")`,
      `import("net").then((net) => net.connect(${port}, "127.0.0.1"))`,
      `import(${JSON.stringify(url)})`,
    ];
    for (const code of attempts) expect((await runtime.run({ code })).ok, code).toBe(false);
    listener.close();
    await once(listener, "close");
    expect(connections).toBe(0);
  });

  it("reads no environment: a secret of the server's appears nowhere the guest can look", async () => {
    process.env.SANDBOX_TEST_SECRET = "sk-do-not-leak-0123456789";
    try {
      const run = await runtime.run({
        code: `const seen = []; for (const key of Object.getOwnPropertyNames(globalThis)) seen.push(key, String(globalThis[key]));
        console.log(seen.join(" ")); typeof process === "undefined" ? "no process" : JSON.stringify(process.env)`,
      });
      expect(run.result).toBe("no process");
      expect(run.output).not.toContain("sk-do-not-leak");
    } finally {
      delete process.env.SANDBOX_TEST_SECRET;
    }
  });

  it("stops an infinite loop at its time limit without holding up the event loop, then runs the next guest", async () => {
    const looping = runtime.run({ code: "for (;;) {}" });
    const first = await Promise.race([looping.then(() => "guest"), setImmediate("event loop")]);
    expect(first).toBe("event loop");
    expect(await looping).toMatchObject({ ok: false, error: `Timed out after ${TIMEOUT_MS} ms.` });
    expect(await runtime.run({ code: "'still here'" })).toMatchObject({ result: "still here" });
  });

  it("stops a memory bomb at its memory limit", async () => {
    for (const code of [
      "const a = []; for (;;) a.push(new Array(10000).fill(1))",
      "const a = []; for (let i = 0; ; i++) a.push('x'.repeat(100000) + i)",
      "new ArrayBuffer(512 * 1024 * 1024)",
    ]) {
      expect(await runtime.run({ code }), code).toMatchObject({
        ok: false,
        error: expect.stringMatching(/out of memory/),
      });
    }
    expect(await runtime.run({ code: "[1, 2, 3].length" })).toMatchObject({ result: "3" });
  });

  it("stops deep recursion at its stack limit", async () => {
    for (const code of ["function f(n) { return f(n + 1) + 1 } f(0)", "JSON.parse('['.repeat(200000))"]) {
      expect(await runtime.run({ code }), code).toMatchObject({
        ok: false,
        error: expect.stringMatching(/stack/i),
      });
    }
    expect(await runtime.run({ code: "'recovered'" })).toMatchObject({ result: "recovered" });
  });

  it("stops a running guest when its signal aborts, and replaces its worker", async () => {
    const controller = new AbortController();
    const looping = runtime.run({ code: "for (;;) {}", signal: controller.signal });
    await setImmediate();
    controller.abort();
    expect(await looping).toMatchObject({ ok: false, error: "The run was cancelled." });
    expect(await runtime.run({ code: "2 ** 10" })).toMatchObject({ result: "1024" });
  });

  it("cuts a flood of output at the output limit", async () => {
    const run = await runtime.run({ code: "for (let i = 0; i < 10000; i++) console.log('line', i); 'done'" });
    expect(run.result).toBe("done");
    expect(run.output.length).toBeLessThan(40_000);
    expect(run.output).toMatch(/cut at/);
  });
});
