import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { type FakeProvider, startFakeProvider } from "../../../test/fake-provider/index.ts";
import { collect, eventually, removeDir, signedInClient, textOf } from "../../../test/support.ts";

const SERVER_KEY = "sk-server-key-0000";
const USER_KEY = "sk-user-key-for-openai-1111";
const CUSTOM_KEY = "sk-user-custom-server-2222";

let serverFake: FakeProvider;
let userFake: FakeProvider;
let url: string;
let dataDir: string;
let close: () => Promise<void>;
const logLines: string[] = [];

/** A server whose every log line, at debug level, is kept for the test to search. */
async function startLoggingServer(env: Record<string, string>) {
  dataDir = await mkdtemp(join(tmpdir(), "slipstream-keys-"));
  // TITLE_MODEL=none: a title by a model would add a request to the key counts below.
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "debug",
    TITLE_MODEL: "none",
    ...env,
  });
  const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
  const app = await createApp({ config, logger });
  url = await app.listen();
  close = () => app.close({ graceMs: 0 });
}

beforeAll(async () => {
  [serverFake, userFake] = await Promise.all([
    startFakeProvider({ apiKeys: [SERVER_KEY, USER_KEY] }),
    startFakeProvider({ apiKeys: [CUSTOM_KEY], models: ["mine-7b"] }),
  ]);
  await startLoggingServer({
    OPENAI_API_KEY: SERVER_KEY,
    OPENAI_BASE_URL: `${serverFake.url}/v1`,
    ALLOW_PRIVATE_BASE_URLS: "true",
  });
});
afterAll(async () => {
  await close();
  await Promise.all([serverFake.close(), userFake.close()]);
  await removeDir(dataDir);
});

type Account = Awaited<ReturnType<typeof signedInClient>>;
const responses: string[] = [];
async function call(account: Account, method: string, path: string, body?: unknown) {
  const response = await account.client.transport.raw(path, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  responses.push(text);
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function chat(account: Account, model: string, content: string) {
  const { conversation } = (await call(account, "POST", "/api/conversations", { model })).body;
  const sent = await account.client.messages.send(conversation.id, { content });
  const text = textOf(await collect(account.client.streams.read(sent.streamId)));
  const messages = (await call(account, "GET", `/api/conversations/${conversation.id}/messages`)).body.messages;
  return { text, reply: messages.find((message: { id: string }) => message.id === sent.reply.id) };
}

const keyHeaders = (fake: FakeProvider) =>
  fake.requests.map((request) => `${request.headers.authorization ?? ""} ${request.headers["x-api-key"] ?? ""}`);

describe("provider keys", () => {
  let owner: Account;
  let stranger: Account;
  beforeAll(async () => {
    owner = await signedInClient(url, "owner");
    stranger = await signedInClient(url, "stranger");
  });

  it("refuses a key the provider refuses with 422 invalid_key and the provider's reason, the key redacted", async () => {
    const refused = await call(owner, "POST", "/api/keys", { provider: "openai", apiKey: "sk-wrong-key-9876" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("invalid_key");
    expect(refused.body.error.message).toContain("Incorrect API key provided");
    expect(refused.body.error.message).not.toMatch(/9876|sk-w/);
    expect((await call(owner, "GET", "/api/keys")).body.keys).toEqual([]);
  });

  it("stores an accepted key, shows only its hint, and uses it for that user ahead of the server's key", async () => {
    const added = await call(owner, "POST", "/api/keys", { provider: "openai", apiKey: USER_KEY, label: "Mine" });
    expect(added.status).toBe(201);
    expect(added.body.key).toEqual({
      id: expect.any(String),
      provider: "openai",
      label: "Mine",
      baseUrl: null,
      hint: "…1111",
      modelProvider: "openai",
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    serverFake.requests.length = 0;
    expect((await chat(owner, "openai/gpt-4.1-mini", "with my key")).text).toBe("Echo: with my key");
    expect((await chat(stranger, "openai/gpt-4.1-mini", "with the server's")).text).toBe("Echo: with the server's");
    const posts = serverFake.requests.filter((request) => request.method === "POST");
    expect(posts.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${USER_KEY}`,
      `Bearer ${SERVER_KEY}`,
    ]);
    await eventually(async () =>
      expect((await call(owner, "GET", "/api/keys")).body.keys[0].lastUsedAt).not.toBeNull(),
    );
  });

  it("makes a user's images with the user's own key, as their chat replies are", async () => {
    const listed: { id: string; kind: string }[] = (await call(owner, "GET", "/api/models")).body.models;
    expect(listed.find((model) => model.id === "openai/gpt-image-1")?.kind).toBe("image");
    serverFake.requests.length = 0;
    const { reply } = await chat(owner, "openai/gpt-image-1", "a key-shaped kite");
    expect(reply.status).toBe("complete");
    const images = serverFake.requests.filter((request) => request.path === "/v1/images/generations");
    expect(images.map((request) => request.headers.authorization)).toEqual([`Bearer ${USER_KEY}`]);
  });

  it("lists the models of a user's own server for that user only, and never sends that server the server's key", async () => {
    userFake.requests.length = 0;
    const added = await call(owner, "POST", "/api/keys", {
      provider: "openai-compatible",
      apiKey: CUSTOM_KEY,
      baseUrl: `${userFake.url}/v1`,
      label: "My Box",
    });
    expect(added.status).toBe(201);
    expect(added.body.key).toMatchObject({ modelProvider: "my-box", baseUrl: `${userFake.url}/v1`, hint: "…2222" });
    const mine = (await call(owner, "GET", "/api/models")).body.models.map((model: { id: string }) => model.id);
    const theirs = (await call(stranger, "GET", "/api/models")).body.models.map((model: { id: string }) => model.id);
    expect(mine).toContain("my-box/mine-7b");
    expect(theirs).not.toContain("my-box/mine-7b");
    expect((await chat(owner, "my-box/mine-7b", "on my box")).text).toBe("Echo: on my box");
    expect((await call(stranger, "POST", "/api/conversations", { model: "my-box/mine-7b" })).status).toBe(400);
    expect(userFake.requests.length).toBeGreaterThan(0);
    expect(keyHeaders(userFake).join(" ")).not.toContain(SERVER_KEY);
    expect(keyHeaders(userFake).every((header) => header.includes(CUSTOM_KEY))).toBe(true);
    expect(keyHeaders(serverFake).join(" ")).not.toContain(CUSTOM_KEY);
  });

  it("refuses a second key for the same provider, and a label that takes a server provider's name", async () => {
    expect((await call(owner, "POST", "/api/keys", { provider: "openai", apiKey: USER_KEY })).status).toBe(409);
    const clash = await call(owner, "POST", "/api/keys", {
      provider: "openai-compatible",
      apiKey: CUSTOM_KEY,
      baseUrl: `${userFake.url}/v1`,
      label: "openai",
    });
    expect(clash.status).toBe(409);
  });

  it("deletes only the owner's keys; a deleted key is used no more", async () => {
    const [key] = (await call(owner, "GET", "/api/keys")).body.keys;
    expect((await call(stranger, "DELETE", `/api/keys/${key.id}`)).status).toBe(404);
    expect((await call(owner, "DELETE", `/api/keys/${key.id}`)).status).toBe(204);
    serverFake.requests.length = 0;
    await chat(owner, "openai/gpt-4.1-mini", "back to the server's");
    expect(serverFake.requests.find((request) => request.method === "POST")?.headers.authorization).toBe(
      `Bearer ${SERVER_KEY}`,
    );
  });

  it("never puts a key in a response, a log line or another host's request", () => {
    const everything = [...responses, ...logLines].join("\n");
    for (const key of [USER_KEY, CUSTOM_KEY, SERVER_KEY]) expect(everything).not.toContain(key);
    expect(logLines.length).toBeGreaterThan(0);
  });
});

describe("outbound safety of users' base URLs", () => {
  let strictUrl: string;
  let closeStrict: () => Promise<void>;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "slipstream-strict-"));
    const config = loadConfig({ NODE_ENV: "test", PORT: "0", DATA_DIR: dir, LOG_LEVEL: "silent" });
    const app = await createApp({ config, logger: pino({ level: "silent" }) });
    strictUrl = await app.listen();
    closeStrict = async () => {
      await app.close({ graceMs: 0 });
      await removeDir(dir);
    };
  });
  afterAll(() => closeStrict());

  it.each(["127.0.0.1", "169.254.169.254", "10.0.0.1", "[::1]", "[::ffff:127.0.0.1]"])(
    "refuses a base URL on %s with 422 unsafe_url, without calling it",
    async (host) => {
      userFake.requests.length = 0;
      const account = await signedInClient(strictUrl, "strict");
      const port = new URL(userFake.url).port;
      const refused = await call(account, "POST", "/api/keys", {
        provider: "openai-compatible",
        apiKey: CUSTOM_KEY,
        baseUrl: `http://${host}:${port}/v1`,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("unsafe_url");
      expect(userFake.requests).toEqual([]);
    },
  );
});
