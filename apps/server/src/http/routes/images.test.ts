import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { StreamEvent } from "@slipstream/protocol";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeImage } from "../../../test/fake-provider/images.ts";
import { type FakeProvider, startFakeProvider } from "../../../test/fake-provider/index.ts";
import { collect, eventually, removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

let server: TestServer;
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
  server = await startServer({ OPENAI_API_KEY: "sk-openai-test", OPENAI_BASE_URL: `${fake.url}/v1` });
});
afterAll(async () => {
  await server.stop();
  await fake.close();
  await removeDir(server.dataDir);
});

type Account = Awaited<ReturnType<typeof signedInClient>>;

/** Whether every image job has run: none is queued, running or waiting for a retry. */
const imageJobsDone = () =>
  new DatabaseSync(join(server.dataDir, "slipstream.db"), { readOnly: true })
    .prepare("select state from jobs where name = 'message.image'")
    .all()
    .every((row) => row.state === "completed" || row.state === "failed");

const fileUrlOf = (events: StreamEvent[]) => {
  const file = events.find(({ part }) => part.type === "file")?.part as { url: string; mediaType: string } | undefined;
  return file;
};

const getFile = (account: Account | undefined, url: string) =>
  fetch(new URL(url, server.url), { headers: account ? { cookie: account.client.transport.cookieHeader() } : {} });

async function sendImagePrompt(account: Account, model: string, content: string) {
  const conversation = await account.client.conversations.create({ model });
  const sent = await account.client.messages.send(conversation.id, { content });
  const events = await collect(account.client.streams.read(sent.streamId));
  return { conversation, sent, events };
}

describe("image models", () => {
  it("lists image models beside chat models, each with its kind, the demo image model next to demo/echo", async () => {
    const alice = await signedInClient(server.url, "alice");
    const { models } = await alice.client.transport.json<{ models: { id: string; kind: string; name: string }[] }>(
      "GET",
      "/api/models",
    );
    const kinds = Object.fromEntries(models.map((model) => [model.id, model.kind]));
    expect(kinds).toMatchObject({
      "openai/gpt-5.5": "chat",
      "openai/gpt-image-1": "image",
      "openai/dall-e-3": "image",
      "demo/echo": "chat",
      "demo/image": "image",
    });
    expect(models.slice(-2).map((model) => model.id)).toEqual(["demo/echo", "demo/image"]);
    expect(models.find((model) => model.id === "demo/image")?.name).toBe("Demo (offline image)");
  });

  it("answers a send to an image model with a stream that says it is generating, then ends with the image's file part", async () => {
    const alice = await signedInClient(server.url, "alice");
    const { conversation, sent, events } = await sendImagePrompt(alice, "openai/gpt-image-1", "a lighthouse at dusk");
    const types = events.map(({ part }) => part.type);
    expect(types).toEqual(["start", "data-image-progress", "file", "finish"]);
    expect(events[1]?.part).toMatchObject({ data: { message: "Generating image…" } });
    const file = fileUrlOf(events);
    expect(file?.mediaType).toBe("image/png");
    expect(file?.url).toMatch(/^\/api\/files\/[0-9a-f-]+$/);

    // The provider was asked through OpenAI's images API, with the user's prompt.
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/v1/images/generations",
      body: { model: "gpt-image-1", prompt: "a lighthouse at dusk" },
    });

    const read = await getFile(alice, file?.url ?? "");
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toBe("image/png");
    expect(read.headers.get("content-disposition")).toMatch(/^inline;/);
    const bytes = Buffer.from(await read.arrayBuffer());
    expect(bytes.equals(await fakeImage("a lighthouse at dusk"))).toBe(true);

    const [, reply] = await alice.client.messages.list(conversation.id);
    expect(reply).toMatchObject({ id: sent.reply.id, status: "complete", model: "openai/gpt-image-1" });
    expect(reply?.parts).toEqual([expect.objectContaining({ type: "file", mediaType: "image/png", url: file?.url })]);
    expect(reply?.attachments).toEqual([
      expect.objectContaining({ id: file?.url.split("/").at(-1), contentType: "image/png", size: bytes.length }),
    ]);
    // Usage as the provider reported it; gpt-image-1 has no per-token price in the catalogue.
    expect(reply?.usage).toMatchObject({ inputTokens: 4, outputTokens: 272 });
    const { byModel } = await alice.client.usage.get();
    expect(byModel.find((row) => row.model === "openai/gpt-image-1")).toMatchObject({ inputTokens: 4 });
  });

  it("lets members of the conversation read the image, and no one else", async () => {
    const alice = await signedInClient(server.url, "alice");
    const bob = await signedInClient(server.url, "bob");
    const mallory = await signedInClient(server.url, "mallory");
    const { conversation, events } = await sendImagePrompt(alice, "openai/dall-e-3", "an owl");
    const url = fileUrlOf(events)?.url ?? "";
    await alice.client.members.add(conversation.id, { email: bob.email, role: "viewer" });
    expect((await getFile(bob, url)).status).toBe(200);
    const stranger = await getFile(mallory, url);
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await getFile(undefined, url)).status).toBe(401);
  });

  it("draws the demo image offline, says that it is a demo, and keeps the same picture for the same prompt", async () => {
    const alice = await signedInClient(server.url, "alice");
    const requests = fake.requests.length;
    const first = await sendImagePrompt(alice, "demo/image", "a red kite");
    const second = await sendImagePrompt(alice, "demo/image", "a red kite");
    expect(fake.requests.length).toBe(requests);
    expect(first.events.map(({ part }) => part.type)).toEqual([
      "start",
      "data-image-progress",
      "text-start",
      "text-delta",
      "text-end",
      "file",
      "finish",
    ]);
    const [, reply] = await alice.client.messages.list(first.conversation.id);
    expect(reply?.content).toMatch(/offline demo image model \(demo\/image\)/);
    const bytes = async (events: StreamEvent[]) =>
      Buffer.from(await (await getFile(alice, fileUrlOf(events)?.url ?? "")).arrayBuffer());
    const picture = await bytes(first.events);
    expect((await sharp(picture).metadata()).width).toBe(256);
    expect(picture.equals(await bytes(second.events))).toBe(true);
  });

  it("ends the reply as an error with the provider's reason when the provider refuses", async () => {
    const alice = await signedInClient(server.url, "alice");
    const { conversation, events } = await sendImagePrompt(alice, "openai/gpt-image-1", "[[status:401]] a cat");
    const error = events.find(({ part }) => part.type === "error")?.part as { errorText: string } | undefined;
    expect(error?.errorText).toMatch(/rejected the API key/);
    expect(error?.errorText).not.toMatch(/\n\s+at /);
    expect(events.some(({ part }) => part.type === "file")).toBe(false);
    const [, reply] = await alice.client.messages.list(conversation.id);
    expect(reply).toMatchObject({ status: "error", error: error?.errorText, parts: [], usage: null });
  });

  it("stops a drawing when its stream is cancelled, and keeps the reply as cancelled without an image", async () => {
    const alice = await signedInClient(server.url, "alice");
    const conversation = await alice.client.conversations.create({ model: "openai/gpt-image-1" });
    const sent = await alice.client.messages.send(conversation.id, { content: "[[slow:60000]] a slow cat" });
    await eventually(() => expect(fake.requests.at(-1)?.body).toMatchObject({ prompt: "[[slow:60000]] a slow cat" }));
    await alice.client.streams.cancel(sent.streamId);
    const events = await collect(alice.client.streams.read(sent.streamId));
    expect(events.map(({ part }) => part.type)).toEqual(["start", "data-image-progress", "abort"]);
    await eventually(() => expect(fake.requests.at(-1)?.abandoned).toBe(true));
    const [, reply] = await alice.client.messages.list(conversation.id);
    expect(reply).toMatchObject({ status: "cancelled", parts: [], error: null });
  });

  it("keeps no image of a conversation deleted while it was being drawn", async () => {
    const alice = await signedInClient(server.url, "alice");
    const conversation = await alice.client.conversations.create({ model: "openai/gpt-image-1" });
    const sent = await alice.client.messages.send(conversation.id, { content: "[[slow:1500]] a vanishing cat" });
    await eventually(() =>
      expect(fake.requests.at(-1)?.body).toMatchObject({ prompt: "[[slow:1500]] a vanishing cat" }),
    );
    await alice.client.conversations.remove(conversation.id);
    await collect(alice.client.streams.read(sent.streamId)).catch(() => []);
    const stored = join(server.dataDir, "files", "users", alice.user.id);
    await eventually(async () => {
      expect(imageJobsDone()).toBe(true);
      expect(await readdir(stored).catch(() => [])).toEqual([]);
    });
  });

  it("refuses an image model where only a chat model can answer: the OpenAI-compatible gateway", async () => {
    const alice = await signedInClient(server.url, "alice");
    const conversation = await alice.client.conversations.create({ model: "demo/image" });
    expect(conversation.model).toBe("demo/image");
    const { secret } = await alice.client.tokens.create({ name: "gateway" });
    const response = await fetch(new URL("/v1/chat/completions", server.url), {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "demo/image", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/is an image model/);
  });
});
