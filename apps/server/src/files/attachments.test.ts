import type { FileInfo, Message, Model, Upload } from "@slipstream/protocol";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { makePdf, makePng } from "../../test/file-fixtures.ts";
import {
  eventually,
  keyedProvidersAt,
  removeDir,
  signedInClient,
  startServer,
  type TestServer,
} from "../../test/support.ts";
import { DEMO_MODEL_ID } from "../providers/catalogue.ts";

type Account = Awaited<ReturnType<typeof signedInClient>>;
type Json = Record<string, unknown>;

let server: TestServer;
let fake: FakeProvider;
let alice: Account;
beforeAll(async () => {
  fake = await startFakeProvider();
  server = await startServer(keyedProvidersAt(fake.url));
  alice = await signedInClient(server.url, "alice");
});
afterAll(async () => {
  await server.stop();
  await fake.close();
  await removeDir(server.dataDir);
});

const api = (account: Account, path: string, init: RequestInit = {}) =>
  account.client.transport.raw(path, { ...init, headers: { "content-type": "application/json", ...init.headers } });

async function uploadFile(account: Account, name: string, contentType: string, bytes: Uint8Array) {
  const created = await api(account, "/api/uploads", {
    method: "POST",
    body: JSON.stringify({ name, contentType, size: bytes.length }),
  });
  const { upload } = (await created.json()) as { upload: Upload };
  await fetch(new URL(upload.url, server.url), { method: "PUT", headers: upload.headers, body: Buffer.from(bytes) });
  const completed = await api(account, `/api/uploads/${upload.id}/complete`, { method: "POST" });
  expect(completed.status).toBe(201);
  return ((await completed.json()) as { file: FileInfo }).file;
}

async function sendWithFiles(account: Account, model: string, content: string, attachments: string[]) {
  const conversation = await account.client.conversations.create({ model });
  const sent = await api(account, `/api/conversations/${conversation.id}/messages`, {
    method: "POST",
    body: JSON.stringify({ content, attachments }),
  });
  return { conversation, sent };
}

async function settled(account: Account, conversationId: string) {
  return eventually(async () => {
    const messages = await account.client.messages.list(conversationId);
    expect(messages.at(-1)?.status).toBe("complete");
    return messages;
  });
}

const requestWith = (marker: string) =>
  eventually(() => {
    const found = fake.requests.find((request) => JSON.stringify(request.body).includes(marker));
    expect(found).toBeDefined();
    return found?.body as Json;
  });

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** Where each wire format puts an image, and the text of the user's turn. */
const DIALECTS = [
  {
    model: "openai/gpt-4.1-mini",
    image: (body: Json) => {
      const user = (body.messages as Json[]).find((message) => message.role === "user") as Json;
      const part = (user.content as Json[]).find((item) => item.type === "image_url") as Json;
      const url = (part.image_url as Json).url as string;
      return { mediaType: url.slice(5, url.indexOf(";")), data: url.slice(url.indexOf(",") + 1) };
    },
  },
  {
    model: "anthropic/claude-haiku-5-5",
    image: (body: Json) => {
      const user = (body.messages as Json[]).find((message) => message.role === "user") as Json;
      const source = ((user.content as Json[]).find((item) => item.type === "image") as Json).source as Json;
      expect(source.type).toBe("base64");
      return { mediaType: source.media_type as string, data: source.data as string };
    },
  },
  {
    model: "google/gemini-3.5-flash",
    image: (body: Json) => {
      const user = (body.contents as Json[]).find((content) => content.role === "user") as Json;
      const inline = ((user.parts as Json[]).find((part) => part.inlineData) as Json).inlineData as Json;
      return { mediaType: inline.mimeType as string, data: inline.data as string };
    },
  },
] as const;

describe("attachments reach the model in each provider's wire format", () => {
  for (const { model, image } of DIALECTS) {
    it(`${model}: the image as an image part, the PDF as its text, and the message lists both`, async () => {
      const marker = `pdf-words-${model.replace(/\W/g, "")}`;
      const png = await makePng({ width: 16, height: 16 });
      const picture = await uploadFile(alice, "screen.png", "image/png", png);
      const pdf = await uploadFile(alice, "report.pdf", "application/pdf", makePdf(`The secret is ${marker}`));
      const { conversation, sent } = await sendWithFiles(alice, model, "What do these show?", [picture.id, pdf.id]);
      expect(sent.status).toBe(202);

      const body = await requestWith(marker);
      expect(image(body)).toEqual({ mediaType: "image/png", data: base64(png) });
      expect(JSON.stringify(body)).toContain('<file name=\\"report.pdf\\">');
      expect(JSON.stringify(body)).toContain("What do these show?");

      const [question] = (await settled(alice, conversation.id)) as Message[];
      expect(question?.attachments).toEqual([
        { id: picture.id, name: "screen.png", contentType: "image/png", size: png.length },
        { id: pdf.id, name: "report.pdf", contentType: "application/pdf", size: pdf.size },
      ]);
      expect(question?.parts.filter((part) => part.type === "file")).toHaveLength(2);
    });
  }

  it("shrinks an image larger than providers take before sending it", async () => {
    const wide = await makePng({ width: 3000, height: 1000 });
    const file = await uploadFile(alice, "wide.png", "image/png", wide);
    await sendWithFiles(alice, "openai/gpt-4.1-mini", "resize-marker wide", [file.id]);
    const body = await requestWith("resize-marker");
    const sent = Buffer.from(DIALECTS[0].image(body).data, "base64");
    expect(await sharp(sent).metadata()).toMatchObject({ width: 2048, height: 683 });
  });

  it("refuses another user's file id with 404, before any model is called", async () => {
    const bob = await signedInClient(server.url, "bob");
    const hers = await uploadFile(alice, "hers.png", "image/png", await makePng());
    const before = fake.requests.length;
    const { conversation, sent } = await sendWithFiles(bob, "openai/gpt-4.1-mini", "steal-marker", [hers.id]);
    expect(sent.status).toBe(404);
    expect(await bob.client.messages.list(conversation.id)).toEqual([]);
    expect(fake.requests.length).toBe(before);
  });

  it("takes attachments in the WebSocket send frame too", async () => {
    const file = await uploadFile(alice, "ws.png", "image/png", await makePng());
    const conversation = await alice.client.conversations.create({ model: "openai/gpt-4.1-mini" });
    const realtime = await alice.client.connect();
    try {
      const answer = await realtime.request({
        type: "send",
        conversationId: conversation.id,
        content: "ws-marker",
        attachments: [file.id],
      });
      expect(answer.type === "accepted" && answer.message.attachments.map(({ id }) => id)).toEqual([file.id]);
    } finally {
      realtime.close();
    }
    const body = await requestWith("ws-marker");
    expect(DIALECTS[0].image(body).mediaType).toBe("image/png");
  });

  it("lists which models see images, and refuses an image for one that does not, before anything is written", async () => {
    const { models } = (await (await api(alice, "/api/models")).json()) as { models: Model[] };
    expect(models.find((model) => model.id === "openai/gpt-4.1-mini")?.vision).toBe(true);
    expect(models.find((model) => model.id === DEMO_MODEL_ID)?.vision).toBe(false);

    const picture = await uploadFile(alice, "unseen.png", "image/png", await makePng());
    const before = fake.requests.length;
    const { conversation, sent } = await sendWithFiles(alice, DEMO_MODEL_ID, "What is this?", [picture.id]);
    expect(sent.status).toBe(400);
    const { error } = (await sent.json()) as { error: { code: string; message: string } };
    expect(error).toEqual({
      code: "unsupported_attachment",
      message: "Demo (offline echo) cannot see images: choose a model that can, or send the message without the image.",
    });
    expect(await alice.client.messages.list(conversation.id)).toEqual([]);
    expect(fake.requests.length).toBe(before);

    const pdf = await uploadFile(alice, "readable.pdf", "application/pdf", makePdf("plain words"));
    const { sent: textOnly } = await sendWithFiles(alice, DEMO_MODEL_ID, "Read this", [pdf.id]);
    expect(textOnly.status).toBe(202);
  });

  it("sends an image already in the branch to a model that cannot see it as a note naming it", async () => {
    const picture = await uploadFile(alice, "earlier.png", "image/png", await makePng());
    const { conversation } = await sendWithFiles(alice, "openai/gpt-4.1-mini", "Look at this", [picture.id]);
    const [question] = (await settled(alice, conversation.id)) as Message[];
    const regenerated = await api(alice, `/api/conversations/${conversation.id}/messages`, {
      method: "POST",
      body: JSON.stringify({ parentId: question?.id, model: DEMO_MODEL_ID }),
    });
    expect(regenerated.status).toBe(202);
    const messages = await settled(alice, conversation.id);
    expect(messages.at(-1)?.content).toContain("[image: earlier.png — this model cannot see images]Look at this");
  });

  it("refuses attachments sent without content (a regeneration takes none)", async () => {
    const file = await uploadFile(alice, "solo.png", "image/png", await makePng());
    const conversation = await alice.client.conversations.create({ model: "openai/gpt-4.1-mini" });
    const sent = await api(alice, `/api/conversations/${conversation.id}/messages`, {
      method: "POST",
      body: JSON.stringify({ attachments: [file.id] }),
    });
    expect(sent.status).toBe(400);
  });
});
