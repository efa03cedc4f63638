import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { createModelDiscovery, DISCOVERY_TTL_MS, FAILED_DISCOVERY_TTL_MS } from "./model-discovery.ts";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ models: ["llama3.2", "mistral"] });
});
afterAll(() => fake.close());

let clock = 0;
let warnings: { obj: object; msg: string }[] = [];
beforeEach(() => {
  fake.requests.length = 0;
  clock = 1_000_000;
  warnings = [];
});

/** The warnings as a logger would print them, error messages included. */
const printed = () => JSON.stringify(warnings, (_key, value) => (value instanceof Error ? value.message : value));

const discovery = (baseURL: string, apiKey?: string) =>
  createModelDiscovery({
    name: "local",
    baseURL,
    apiKey,
    logger: { warn: (obj, msg) => warnings.push({ obj, msg }) },
    now: () => clock,
  });

describe("model discovery", () => {
  it("lists the ids from GET {baseURL}/models with the bearer key, and caches them for a minute", async () => {
    const discover = discovery(`${fake.url}/v1/`, "sk-local");
    expect(await discover.models()).toEqual(["llama3.2", "mistral"]);
    expect(discover.unreachable()).toBeNull();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/v1/models" });
    expect(fake.requests[0]?.headers.authorization).toBe("Bearer sk-local");

    clock += DISCOVERY_TTL_MS - 1;
    await discover.models();
    expect(fake.requests).toHaveLength(1);
    clock += 1;
    await discover.models();
    expect(fake.requests).toHaveLength(2);
  });

  it("sends no authorization header without a key, and shares one request among concurrent callers", async () => {
    const discover = discovery(fake.url);
    const [a, b] = await Promise.all([discover.models(), discover.models()]);
    expect(a).toEqual(b);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("lists none and warns (without the key) on an HTTP error, retrying only after a few seconds", async () => {
    const discover = discovery(`${fake.url}/nothing-here`, "sk-secret");
    expect(await discover.models()).toEqual([]);
    expect(await discover.models()).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(printed()).not.toContain("sk-secret");
    expect(warnings[0]?.obj).toMatchObject({
      provider: "local",
      err: expect.objectContaining({ message: expect.stringContaining("404") }),
    });

    expect(discover.unreachable()).toBe("The server's GET /models answered HTTP 404.");

    clock += FAILED_DISCOVERY_TTL_MS;
    await discover.models();
    expect(fake.requests).toHaveLength(2);
  });

  it("lists none and warns when the server cannot be reached", async () => {
    const gone = await startFakeProvider();
    await gone.close();
    const discover = discovery(gone.url);
    expect(discover.unreachable()).toBeNull();
    expect(await discover.models()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(discover.unreachable()).toBe("The server could not be reached: the connection was refused.");
  });

  it("never logs credentials embedded in the base URL", async () => {
    expect(await discovery(fake.url.replace("://", "://user:hunter2@")).models()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(printed()).not.toContain("hunter2");
  });
});
