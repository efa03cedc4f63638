import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withIdleTimeout } from "./idle-timeout-fetch.ts";

const IDLE_MS = 150;
const encoder = new TextEncoder();

/**
 * A provider the test drives by hand instead of a clock: `send` delivers a chunk, `end` finishes the body.
 * Like `fetch`, it fails the pending call or the body with the signal's reason when the request is aborted.
 */
function scriptedProvider({ headers = true }: { headers?: boolean } = {}) {
  let body: ReadableStreamDefaultController<Uint8Array> | undefined;
  const fetchImpl: typeof fetch = (_input, init) =>
    new Promise((resolve, reject) => {
      const signal = init?.signal;
      signal?.addEventListener("abort", () => {
        reject(signal.reason);
        body?.error(signal.reason);
      });
      if (!headers) return;
      resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              body = controller;
            },
          }),
        ),
      );
    });
  return {
    fetch: withIdleTimeout(fetchImpl, IDLE_MS),
    send: (text: string) => body?.enqueue(encoder.encode(text)),
    end: () => body?.close(),
  };
}

/** Tracks a read, so a test can tell that it is still waiting. */
function track<T>(promise: Promise<T>) {
  const tracked = {
    settled: false,
    outcome: promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
  };
  void tracked.outcome.then(() => {
    tracked.settled = true;
  });
  return tracked;
}

const decode = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

function bodyReader(response: Response) {
  if (!response.body) throw new Error("the response has no body");
  return response.body.getReader();
}

describe("withIdleTimeout", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets a provider that keeps sending run longer than the idle limit in total", async () => {
    const provider = scriptedProvider();
    const reader = bodyReader(await provider.fetch("http://provider.test/steady"));
    let text = "";
    for (const chunk of ["0", "1", "2", "3", "4"]) {
      await vi.advanceTimersByTimeAsync(IDLE_MS - 50);
      provider.send(chunk);
      text += decode((await reader.read()).value);
    }
    await vi.advanceTimersByTimeAsync(IDLE_MS - 50);
    provider.end();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(text).toBe("01234");
  });

  it("does not count the time the reader takes between reads", async () => {
    const provider = scriptedProvider();
    const reader = bodyReader(await provider.fetch("http://provider.test/eager"));
    for (const chunk of ["0", "1", "2", "3", "4"]) provider.send(chunk);
    provider.end();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decode(value);
      await vi.advanceTimersByTimeAsync(IDLE_MS * 2);
    }
    expect(text).toBe("01234");
  });

  it("aborts a provider that goes quiet with a TimeoutError, once the idle limit has passed", async () => {
    const provider = scriptedProvider();
    const reader = bodyReader(await provider.fetch("http://provider.test/stall"));
    provider.send("0");
    expect(decode((await reader.read()).value)).toBe("0");
    const next = track(reader.read());
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(next.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await next.outcome).toMatchObject({ error: { name: "TimeoutError" } });
  });

  it("counts the wait for the response headers too", async () => {
    const provider = scriptedProvider({ headers: false });
    const call = track(provider.fetch("http://provider.test/silent"));
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call.outcome).toMatchObject({ error: { name: "TimeoutError" } });
  });
});

describe("withIdleTimeout over a real connection", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Sends one chunk, then nothing: however slow the machine, the only way out is the idle limit.
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.write("0");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("ends the body of a stalled response with a TimeoutError", async () => {
    const text = withIdleTimeout(fetch, IDLE_MS)(`${url}/stall`).then((response) => response.text());
    await expect(text).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
