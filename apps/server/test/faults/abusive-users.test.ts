import { parseEventStream } from "@slipstream/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, FAKE_MODEL, signedInClient, startServerWithFakeProvider } from "../support.ts";

const CAP = 64 * 1024;
let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider({ MAX_REPLY_BYTES: String(CAP) });
});
afterAll(() => env.stop());

async function conversationWith(content: string) {
  const session = await signedInClient(env.server.url);
  const conversation = await session.client.conversations.create({ model: FAKE_MODEL });
  const sent = await session.client.messages.send(conversation.id, { content });
  return { ...session, conversation, sent };
}

const providerCallFor = (marker: string) =>
  env.fake.requests.find((request) => JSON.stringify(request.messages).includes(marker));

describe("one user's reply cannot take the server's memory", () => {
  it("stops a reply past MAX_REPLY_BYTES, keeps what came before, says why, and ends the provider call", async () => {
    const marker = `long-${Date.now()}`;
    // 1 KiB answered 4,096 times over: 4 MiB, in 1,024 deltas of 4 KiB.
    const { client, conversation, sent } = await conversationWith(
      `[[reply:${"a".repeat(1024)}]][[repeat:4096]][[chunks:1024]][[slow:1]] ${marker}`,
    );
    const reply = await eventually(async () => {
      const found = (await client.messages.list(conversation.id)).find((message) => message.id === sent.reply.id);
      expect(found?.status).toBe("error");
      return found;
    }, 30_000);
    expect(reply?.error).toMatch(/MAX_REPLY_BYTES/);
    expect(reply?.content.length).toBeGreaterThan(CAP - 8 * 1024);
    expect(reply?.content.length).toBeLessThanOrEqual(CAP);
    await eventually(() => expect(providerCallFor(marker)?.abandoned).toBe(true));
  });
});

describe("revocation and deletion reach running work", () => {
  it("ends an open SSE response when its session signs out", async () => {
    const { client, sent } = await conversationWith("[[pause:2]] hold this stream");
    await eventually(() => expect(env.fake.paused).toBeGreaterThan(0));
    const cookie = client.transport.cookieHeader();
    const response = await fetch(new URL(`/api/streams/${sent.streamId}`, env.server.url), { headers: { cookie } });
    const frames: string[] = [];
    const ended = (async () => {
      if (response.body) for await (const frame of parseEventStream(response.body)) frames.push(frame.data);
    })();
    await eventually(() => expect(frames.length).toBeGreaterThan(0));
    await client.auth.logout();
    await ended;
    expect(frames).not.toContain("[DONE]");
    env.fake.resume();
  });

  it("cancels a running generation when its conversation is deleted, so the provider call stops", async () => {
    const marker = `deleted-${Date.now()}`;
    const { client, conversation } = await conversationWith(`[[pause:2]] ${marker}`);
    await eventually(() => expect(providerCallFor(marker)).toBeDefined());
    await client.conversations.remove(conversation.id);
    await eventually(() => expect(providerCallFor(marker)?.abandoned).toBe(true));
    env.fake.resume();
  });
});
