import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assertSafeUrl, createSafeFetch, isPublicAddress, UnsafeUrlError } from "./outbound-safety.ts";

type Seen = { path: string; authorization?: string; apiKey?: string };
let server: Server;
let port = 0;
const seen: Seen[] = [];

beforeAll(async () => {
  // Answers /ok; /to?url=… redirects there. Records every request it gets, with its credentials.
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://local");
    seen.push({
      path: url.pathname,
      authorization: request.headers.authorization,
      apiKey: request.headers["x-api-key"] as string | undefined,
    });
    if (url.pathname === "/to") return response.writeHead(302, { location: url.searchParams.get("url") ?? "/" }).end();
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen.length = 0;
});

/** A resolver that answers each name from a table, one answer per call in turn (the last one repeats). */
function scriptedLookup(table: Record<string, string[]>) {
  const calls: Record<string, number> = {};
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const answers = table[hostname];
    if (!answers) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
    const index = Math.min(calls[hostname] ?? 0, answers.length - 1);
    calls[hostname] = (calls[hostname] ?? 0) + 1;
    const address = answers[index] as string;
    const entry: LookupAddress = { address, family: address.includes(":") ? 6 : 4 };
    if (options.all) callback(null, [entry]);
    else callback(null, entry.address, entry.family);
  }) as never;
}

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.254",
    "0.0.0.0",
    "224.0.0.251",
    "239.255.255.250",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:8.8.8.8",
    "::ffff:7f00:1",
    "64:ff9b::a00:1",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"])(
    "allows %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe("assertSafeUrl", () => {
  const lookup = scriptedLookup({ "public.test": ["93.184.216.34"], "inside.test": ["10.0.0.7"], "v6.test": ["::1"] });

  it("accepts a name that resolves to a public address", async () => {
    await expect(assertSafeUrl("https://public.test/v1", { allowPrivate: false, lookup })).resolves.toBeUndefined();
  });

  it.each([
    "http://127.0.0.1:11434/v1",
    "http://[::1]/v1",
    "http://169.254.169.254/latest/meta-data",
    "http://metadata.google.internal/computeMetadata/v1",
    "http://inside.test/v1",
    "http://v6.test/v1",
    "http://[::ffff:10.0.0.1]/",
    "http://nowhere.test/",
    "file:///etc/passwd",
  ])("refuses %s", async (url) => {
    await expect(assertSafeUrl(url, { allowPrivate: false, lookup })).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it("lets anything through with ALLOW_PRIVATE_BASE_URLS", async () => {
    await expect(assertSafeUrl("http://127.0.0.1:1/v1", { allowPrivate: true, lookup })).resolves.toBeUndefined();
  });
});

describe("safeFetch", () => {
  it("refuses a loopback URL before connecting", async () => {
    const safeFetch = createSafeFetch({ allowPrivate: false });
    await expect(safeFetch(`http://127.0.0.1:${port}/ok`)).rejects.toThrow();
    expect(seen).toEqual([]);
  });

  it("checks the address at connect time, so a name that rebinds to loopback after the check is refused", async () => {
    const lookup = scriptedLookup({ "rebind.test": ["93.184.216.34", "127.0.0.1"] });
    await assertSafeUrl(`http://rebind.test:${port}/ok`, { allowPrivate: false, lookup });
    const safeFetch = createSafeFetch({ allowPrivate: false, lookup });
    const failure = await safeFetch(`http://rebind.test:${port}/ok`).catch((error: unknown) => error);
    expect((failure as Error).cause).toBeInstanceOf(UnsafeUrlError);
    expect(seen).toEqual([]);
  });

  // 127.0.0.1 stands for a public provider here; anything else is "private".
  const onlyFirstLoopback = { allowPrivate: false, isAllowedAddress: (address: string) => address === "127.0.0.1" };

  it("reaches an allowed address and checks every redirect hop", async () => {
    const safeFetch = createSafeFetch(onlyFirstLoopback);
    expect(await (await safeFetch(`http://127.0.0.1:${port}/ok`)).text()).toBe("ok");
    const sameOrigin = await safeFetch(`http://127.0.0.1:${port}/to?url=/ok`);
    expect(await sameOrigin.text()).toBe("ok");
    expect(seen.map((request) => request.path)).toEqual(["/ok", "/to", "/ok"]);
    seen.length = 0;
    const follow = createSafeFetch({ ...onlyFirstLoopback, allowCrossOriginRedirects: true });
    for (const target of [`http://127.0.0.2:${port}/ok`, "http://169.254.169.254/latest/meta-data"]) {
      await expect(follow(`http://127.0.0.1:${port}/to?url=${encodeURIComponent(target)}`)).rejects.toThrow();
    }
    expect(seen.map((request) => request.path)).toEqual(["/to", "/to"]);
  });

  it("refuses to follow a provider call to another host, so its key never leaves for it", async () => {
    const safeFetch = createSafeFetch({ allowPrivate: true });
    const call = safeFetch(`http://127.0.0.1:${port}/to?url=${encodeURIComponent(`http://localhost:${port}/ok`)}`, {
      headers: { authorization: "Bearer sk-user-key", "x-api-key": "sk-user-key" },
    });
    await expect(call).rejects.toBeInstanceOf(UnsafeUrlError);
    expect(seen).toHaveLength(1);
  });

  it("follows a cross-origin redirect without credentials only when asked to", async () => {
    const safeFetch = createSafeFetch({ allowPrivate: true, allowCrossOriginRedirects: true });
    const response = await safeFetch(
      `http://127.0.0.1:${port}/to?url=${encodeURIComponent(`http://localhost:${port}/ok`)}`,
      { headers: { authorization: "Bearer sk-user-key", "x-api-key": "sk-user-key", accept: "text/plain" } },
    );
    expect(await response.text()).toBe("ok");
    expect(seen).toEqual([
      { path: "/to", authorization: "Bearer sk-user-key", apiKey: "sk-user-key" },
      { path: "/ok", authorization: undefined, apiKey: undefined },
    ]);
  });
});
