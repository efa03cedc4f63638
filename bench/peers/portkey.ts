import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { serveParent } from "../process/agent.ts";

/**
 * The Portkey gateway, run from its published Node build (`build/start-server.js`) inside this process so that it
 * reports its CPU and memory like every other peer. Requests name the fake provider with
 * `x-portkey-provider: openai` and `x-portkey-custom-host`.
 */
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});

// Portkey 1.15.2's build was made against an older @hono/node-server. With the 1.19 its range now resolves to, its
// `new Response(stream, fetchResponse)` keeps the fetch response's immutable headers, and appending its own
// headers fails every streamed call with "TypeError: immutable". Fetch responses with mutable headers avoid it.
const NativeResponse = globalThis.Response;
const nativeFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await nativeFetch(input, init);
  const { status, statusText } = response;
  return new NativeResponse(response.body, { status, statusText, headers: new Headers(response.headers) });
};

const packageJson = createRequire(import.meta.url).resolve("@portkey-ai/gateway/package.json");
process.argv = [process.argv[0] ?? "node", "portkey", `--port=${port}`, "--headless"];
// The build listens at once, then awaits a one-second start-up animation: the import resolves when it is ready.
await import(pathToFileURL(join(dirname(packageJson), "build/start-server.js")).href);
serveParent({ url: `http://127.0.0.1:${port}`, stop: async () => undefined });
