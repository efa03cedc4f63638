import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../../test/fake-provider/index.ts";
import { collect, FAKE_MODEL, signedInClient, startServerWithFakeProvider } from "../../../test/support.ts";

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let admin: Awaited<ReturnType<typeof signedInClient>>;
let user: Awaited<ReturnType<typeof signedInClient>>;
let ollama: FakeProvider;
beforeAll(async () => {
  ollama = await startFakeProvider({ models: ["phi4"], apiKeys: ["ollama-key-5555"] });
  env = await startServerWithFakeProvider({ ALLOW_PRIVATE_BASE_URLS: "true" });
  admin = await signedInClient(env.server.url, "admin");
  user = await signedInClient(env.server.url, "user");
});
afterAll(async () => {
  await env.stop();
  await ollama.close();
});

type Account = typeof admin;
async function call(account: Account, method: string, path: string, body?: unknown) {
  const response = await account.client.transport.raw(path, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}
const modelIds = async (account: Account) =>
  (await call(account, "GET", "/api/models")).body.models.map((model: { id: string }) => model.id);

describe("which models are offered to whom", () => {
  it("lists every model with its rule, and hides a disabled one from everyone, or keeps one for admins", async () => {
    const { body } = await call(admin, "GET", "/api/admin/models");
    expect(body.models).toContainEqual({
      id: FAKE_MODEL,
      provider: "local",
      name: "llama3.2 (local)",
      kind: "chat",
      enabled: true,
      roles: null,
    });
    const id = encodeURIComponent(FAKE_MODEL);
    const off = await call(admin, "PUT", `/api/admin/models/${id}`, { enabled: false });
    expect(off.body.model).toMatchObject({ id: FAKE_MODEL, enabled: false, roles: null });
    expect(await modelIds(user)).not.toContain(FAKE_MODEL);
    expect(await modelIds(admin)).not.toContain(FAKE_MODEL);
    expect((await call(user, "POST", "/api/conversations", { model: FAKE_MODEL })).body.error.code).toBe(
      "model_not_found",
    );

    await call(admin, "PUT", `/api/admin/models/${id}`, { enabled: true, roles: ["admin"] });
    expect(await modelIds(user)).not.toContain(FAKE_MODEL);
    expect(await modelIds(admin)).toContain(FAKE_MODEL);
    await call(admin, "PUT", `/api/admin/models/${id}`, { enabled: true, roles: null });
    expect(await modelIds(user)).toContain(FAKE_MODEL);
    expect((await call(user, "PUT", `/api/admin/models/${id}`, { enabled: false })).status).toBe(403);
  });
});

describe("provider connections", () => {
  it("connect an OpenAI-compatible server at run time, its key checked, sealed, and never shown", async () => {
    const refused = await call(admin, "POST", "/api/admin/providers", {
      kind: "openai-compatible",
      name: "ollama",
      baseUrl: `${ollama.url}/v1`,
      apiKey: "wrong-key-0000",
    });
    expect(refused.status).toBe(422);
    const added = await call(admin, "POST", "/api/admin/providers", {
      kind: "openai-compatible",
      name: "ollama",
      baseUrl: `${ollama.url}/v1`,
      apiKey: "ollama-key-5555",
    });
    expect(added.status).toBe(201);
    expect(added.body.connection).toMatchObject({ kind: "openai-compatible", name: "ollama", hint: "…5555" });
    expect(added.text).not.toContain("ollama-key-5555");
    expect((await call(user, "POST", "/api/admin/providers", { kind: "mistral", apiKey: "k" })).status).toBe(403);
    expect(
      (
        await call(admin, "POST", "/api/admin/providers", {
          kind: "openai-compatible",
          name: "local",
          baseUrl: ollama.url,
        })
      ).status,
    ).toBe(409);

    expect(await modelIds(user)).toContain("ollama/phi4");
    const conversation = await user.client.conversations.create({ model: "ollama/phi4" });
    const sent = await user.client.messages.send(conversation.id, { content: "via the connection" });
    const events = await collect(user.client.streams.read(sent.streamId));
    expect(events.at(-1)?.part.type).toBe("finish");
    expect(ollama.requests.filter((request) => request.method === "POST").at(-1)?.headers.authorization).toBe(
      "Bearer ollama-key-5555",
    );
    const listed = await call(admin, "GET", "/api/admin/providers");
    expect(listed.text).not.toContain("ollama-key-5555");
    expect((await call(admin, "DELETE", `/api/admin/providers/${added.body.connection.id}`)).status).toBe(204);
    expect(await modelIds(user)).not.toContain("ollama/phi4");
  });
});

describe("conversation settings", () => {
  it("are kept on the conversation and sent to the model: the system prompt first, then the parameters", async () => {
    const created = await call(user, "POST", "/api/conversations", {
      model: FAKE_MODEL,
      systemPrompt: "Answer like a pirate.",
      params: { temperature: 0.4, maxOutputTokens: 77 },
      tools: ["run_code"],
    });
    expect(created.body.conversation).toMatchObject({
      systemPrompt: "Answer like a pirate.",
      params: { temperature: 0.4, maxOutputTokens: 77 },
      tools: ["run_code"],
    });
    const id = created.body.conversation.id;
    const patched = await call(user, "PATCH", `/api/conversations/${id}`, { params: { temperature: 0.4, topP: 0.9 } });
    expect(patched.body.conversation.params).toEqual({ temperature: 0.4, topP: 0.9 });
    env.fake.requests.length = 0;
    const sent = await user.client.messages.send(id, { content: "ahoy" });
    await collect(user.client.streams.read(sent.streamId));
    const request = env.fake.requests.find((candidate) => candidate.method === "POST");
    expect(request?.messages).toEqual([
      { role: "system", text: "Answer like a pirate." },
      { role: "user", text: "ahoy" },
    ]);
    expect(request?.body).toMatchObject({ temperature: 0.4, top_p: 0.9 });
    expect((await call(user, "PATCH", `/api/conversations/${id}`, { params: { temperature: 5 } })).status).toBe(400);
  });
});
