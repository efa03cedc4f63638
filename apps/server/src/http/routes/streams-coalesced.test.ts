import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  FAKE_MODEL,
  signedInClient,
  startServerWithFakeProvider,
  type TestServer,
  textOf,
} from "../../../test/support.ts";

const CHUNKS = 24;
let plain: { server: TestServer; stop: () => Promise<void> };
let coalesced: { server: TestServer; stop: () => Promise<void> };

beforeAll(async () => {
  [plain, coalesced] = await Promise.all([
    startServerWithFakeProvider(),
    // A window far longer than the fake provider takes for the whole reply: its deltas all fall in one window.
    startServerWithFakeProvider({ STREAM_DELTA_COALESCE_MS: "1000" }),
  ]);
});
afterAll(() => Promise.all([plain.stop(), coalesced.stop()]));

async function replyOn(server: TestServer) {
  const { client } = await signedInClient(server.url);
  const conversation = await client.conversations.create({ model: FAKE_MODEL });
  const sent = await client.messages.send(conversation.id, { content: `[[chunks:${CHUNKS}]] a reply in many pieces` });
  const events = await collect(client.streams.read(sent.streamId));
  const { content, parts, status } = (await client.messages.list(conversation.id)).at(-1) ?? {};
  return { events, saved: { content, parts, status } };
}

describe("SSE streams with STREAM_DELTA_COALESCE_MS", () => {
  it("sends fewer events for a chunked reply, with the same first delta, text and saved message", async () => {
    const [without, withWindow] = await Promise.all([replyOn(plain.server), replyOn(coalesced.server)]);
    const deltas = (events: typeof without.events) => events.filter((event) => event.part.type === "text-delta");
    expect(deltas(without.events).length).toBeGreaterThan(4);
    expect(deltas(withWindow.events).length).toBeLessThan(deltas(without.events).length);
    expect(withWindow.events.length).toBeLessThan(without.events.length);
    expect(deltas(withWindow.events)[0]?.part).toEqual(deltas(without.events)[0]?.part);
    expect(withWindow.events.map((event) => event.seq)).toEqual(withWindow.events.map((_, index) => index + 1));
    expect(textOf(withWindow.events)).toBe(textOf(without.events));
    expect(textOf(withWindow.events)).toBe("Echo: a reply in many pieces");
    expect(withWindow.saved).toEqual(without.saved);
    expect(withWindow.saved.status).toBe("complete");
  });
});
