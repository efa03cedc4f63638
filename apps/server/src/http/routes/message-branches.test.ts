import type { Message } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeProvider } from "../../../test/fake-provider/index.ts";
import { makePng } from "../../../test/file-fixtures.ts";
import {
  eventually,
  FAKE_MODEL,
  signedInClient,
  startServerWithFakeProvider,
  type TestServer,
} from "../../../test/support.ts";

type Account = Awaited<ReturnType<typeof signedInClient>>;

let server: TestServer;
let fake: FakeProvider;
let stop: () => Promise<void>;
let owner: Account;
beforeAll(async () => {
  ({ server, fake, stop } = await startServerWithFakeProvider());
  owner = await signedInClient(server.url, "owner");
});
afterAll(() => stop());

const deleteBranch = (account: Account, conversationId: string, messageId: string) =>
  account.client.transport.raw(`/api/conversations/${conversationId}/messages/${messageId}`, { method: "DELETE" });

const fileStatus = async (account: Account, id: string) =>
  (await account.client.transport.raw(`/api/files/${id}`)).status;

async function upload(account: Account, name: string) {
  return account.client.files.upload(new File([new Uint8Array(await makePng())], name, { type: "image/png" }));
}

/** Sends and waits until every reply of the conversation has finished; returns the user message and its reply. */
async function turn(
  account: Account,
  conversationId: string,
  body: Parameters<Account["client"]["messages"]["send"]>[1],
) {
  const { message, reply } = await account.client.messages.send(conversationId, body);
  await eventually(async () => {
    const messages = await account.client.messages.list(conversationId);
    expect(messages.every((each) => each.status !== "streaming")).toBe(true);
  });
  return { message, reply };
}

const idsOf = (messages: Message[]) => messages.map((message) => message.id);

describe("deleting a message branch", () => {
  it("removes the message and everything under it, keeps the rest, and records one event", async () => {
    const conversation = await owner.client.conversations.create({ model: FAKE_MODEL });
    const first = await turn(owner, conversation.id, { content: "first" });
    const second = await turn(owner, conversation.id, { content: "second", parentId: first.reply.id });
    const third = await turn(owner, conversation.id, { content: "third", parentId: second.reply.id });
    const edit = await turn(owner, conversation.id, { content: "second, edited", parentId: first.reply.id });

    expect((await deleteBranch(owner, conversation.id, second.message.id)).status).toBe(204);

    expect(idsOf(await owner.client.messages.list(conversation.id))).toEqual([
      first.message.id,
      first.reply.id,
      edit.message.id,
      edit.reply.id,
    ]);
    const { events } = await owner.client.history.events(conversation.id);
    expect(events.at(-1)?.event).toEqual({
      type: "message.deleted",
      messageIds: [second.message.id, second.reply.id, third.message.id, third.reply.id],
    });
    expect((await deleteBranch(owner, conversation.id, second.message.id)).status).toBe(404);
  });

  it("deletes the files only the branch carries, and keeps one another message still carries", async () => {
    const conversation = await owner.client.conversations.create({ model: FAKE_MODEL });
    const only = await upload(owner, "only-here.png");
    const reused = await upload(owner, "reused.png");
    const first = await turn(owner, conversation.id, { content: "look", attachments: [only.id, reused.id] });
    await turn(owner, conversation.id, { content: "look again", parentId: null, attachments: [reused.id] });
    expect(await fileStatus(owner, only.id)).toBe(200);

    expect((await deleteBranch(owner, conversation.id, first.message.id)).status).toBe(204);

    expect(await fileStatus(owner, only.id)).toBe(404);
    expect(await fileStatus(owner, reused.id)).toBe(200);
  });

  it("lets an editor delete, refuses a viewer with 403, and answers a stranger 404", async () => {
    const editor = await signedInClient(server.url, "editor");
    const viewer = await signedInClient(server.url, "viewer");
    const stranger = await signedInClient(server.url, "stranger");
    const conversation = await owner.client.conversations.create({ model: FAKE_MODEL });
    await owner.client.members.add(conversation.id, { email: editor.email, role: "editor" });
    await owner.client.members.add(conversation.id, { email: viewer.email, role: "viewer" });
    const { message } = await turn(owner, conversation.id, { content: "shared" });

    expect((await deleteBranch(stranger, conversation.id, message.id)).status).toBe(404);
    const refused = await deleteBranch(viewer, conversation.id, message.id);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect(await owner.client.messages.list(conversation.id)).toHaveLength(2);

    expect((await deleteBranch(editor, conversation.id, message.id)).status).toBe(204);
    expect(await owner.client.messages.list(conversation.id)).toEqual([]);
  });

  it("refuses with 409 turn_in_progress while a reply in the branch is still streaming", async () => {
    const conversation = await owner.client.conversations.create({ model: FAKE_MODEL });
    const { message } = await owner.client.messages.send(conversation.id, { content: "[[pause:1]] hold on" });
    await eventually(() => expect(fake.paused).toBeGreaterThan(0));

    const refused = await deleteBranch(owner, conversation.id, message.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("turn_in_progress");

    fake.resume();
    await eventually(async () => {
      const messages = await owner.client.messages.list(conversation.id);
      expect(messages.at(-1)?.status).toBe("complete");
    });
    expect((await deleteBranch(owner, conversation.id, message.id)).status).toBe(204);
  });
});
