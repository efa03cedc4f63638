import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type SlipstreamClient } from "@slipstream/client";
import type { ServerFrame, StreamEvent } from "@slipstream/protocol";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { WebSocket } from "ws";
import { type App, createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { startFakeProvider } from "./fake-provider/index.ts";

export type TestServer = { url: string; app: App; dataDir: string; stop(): Promise<void> };

/** Starts the real server in this process on a free port, with a fresh DATA_DIR unless one is given. */
export async function startServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "slipstream-test-")));
  // Titles by a model would add calls to the fake providers that tests count: a test that wants them sets TITLE_MODEL.
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
    TITLE_MODEL: "none",
    // Test files register many accounts from 127.0.0.1; the one that tests this limit sets its own.
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: "10000",
    ...env,
  });
  const app = await createApp({ config, logger: pino({ level: "silent" }) });
  const url = await app.listen();
  return {
    url,
    app,
    dataDir: dir,
    async stop() {
      await app.close({ graceMs: 0 });
    },
  };
}

export async function removeDir(dir: string) {
  await rm(dir, { recursive: true, force: true });
}

/** A client whose WebSocket sends the session cookie and the server's own Origin, as a browser on the page would. */
export function newClient(url: string): SlipstreamClient {
  return createClient({
    baseUrl: url,
    webSocket: (socketUrl, headers) => new WebSocket(socketUrl, { headers }) as never,
  });
}

let userCounter = 0;

/** Registers a fresh user and returns a signed-in client. */
export async function signedInClient(url: string, name = "user") {
  const client = newClient(url);
  const email = `${name}-${process.pid}-${Date.now()}-${userCounter++}@example.test`;
  const password = "correct horse battery staple";
  const { user } = await client.auth.register({ email, password, name });
  return { client, user, email, password };
}

export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export function textOf(events: StreamEvent[]): string {
  return events
    .map(({ part }) => (part.type === "text-delta" ? String((part as { delta: string }).delta) : ""))
    .join("");
}

/** Polls until `check` passes (or throws its last failure after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The variables that send OpenAI's, Anthropic's and Google's models to a fake provider at `url`. */
export const keyedProvidersAt = (url: string): Record<string, string> => ({
  OPENAI_API_KEY: "sk-openai-test",
  OPENAI_BASE_URL: `${url}/v1`,
  ANTHROPIC_API_KEY: "sk-ant-test",
  ANTHROPIC_BASE_URL: `${url}/v1`,
  GOOGLE_GENERATIVE_AI_API_KEY: "google-test",
  GOOGLE_GENERATIVE_AI_BASE_URL: `${url}/v1beta`,
});

/** The model id under which the fake provider's chat completions are served. */
export const FAKE_MODEL = "local/llama3.2";

/** A server whose `local/…` models are answered by a fresh fake provider; `stop` ends both and removes the data. */
/** A server started before the file's tests and removed after them; `url` is readable once they run. */
export function useTestServer(env: Record<string, string> = {}): { readonly url: string } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(env);
  });
  afterAll(async () => {
    if (!server) return;
    await server.stop();
    await removeDir(server.dataDir);
  });
  return {
    get url() {
      if (!server) throw new Error("the test server is not started yet");
      return server.url;
    },
  };
}

export async function startServerWithFakeProvider(env: Record<string, string> = {}) {
  const fake = await startFakeProvider();
  const server = await startServer({ OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`, ...env });
  return {
    server,
    fake,
    async stop() {
      await server.stop();
      await fake.close();
      await removeDir(server.dataDir);
    },
  };
}

/** The same user signed in on two instances; the cookie made by the first must be valid on the second. */
export async function sameUserOn(firstUrl: string, secondUrl: string) {
  const first = await signedInClient(firstUrl);
  const session = await fetch(new URL("/api/auth/session", secondUrl), {
    headers: { cookie: first.client.transport.cookieHeader() },
  });
  if (session.status !== 200)
    throw new Error(`a session cookie from ${firstUrl} got ${session.status} on ${secondUrl}`);
  const onB = newClient(secondUrl);
  await onB.auth.login({ email: first.email, password: first.password });
  return { onA: first.client, onB, email: first.email, password: first.password };
}

/** Opens a WebSocket to `url`'s `/ws`: resolves with the open socket, or with the HTTP status that refused the upgrade. */
export function openTestSocket(url: string, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace("http", "ws")}/ws`, { headers });
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.once("error", reject);
  });
}

/** A signed-in socket from the server's own origin that records every frame it receives, and its close code. */
export async function rawTestSocket(url: string, cookie: string) {
  const socket = await openTestSocket(url, { cookie, origin: url });
  if (typeof socket === "number") throw new Error(`upgrade refused with ${socket}`);
  const frames: ServerFrame[] = [];
  socket.on("message", (data) => frames.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  return { socket, frames, closed };
}
