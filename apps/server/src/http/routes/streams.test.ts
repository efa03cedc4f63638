import { get, type IncomingMessage } from "node:http";
import { parseEventStream } from "@slipstream/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  eventually,
  FAKE_MODEL,
  signedInClient,
  startServerWithFakeProvider,
  type TestServer,
  textOf,
} from "../../../test/support.ts";

let server: TestServer;
let stop: () => Promise<void>;
const MODEL = FAKE_MODEL;

beforeAll(async () => {
  // One test streams a 12 MB answer, past the default MAX_REPLY_BYTES.
  ({ server, stop } = await startServerWithFakeProvider({ MAX_REPLY_BYTES: String(32 * 1024 * 1024) }));
});
afterAll(() => stop());

async function conversationWith(content: string) {
  const session = await signedInClient(server.url);
  const conversation = await session.client.conversations.create({ model: MODEL });
  const sent = await session.client.messages.send(conversation.id, { content });
  return { ...session, conversation, sent };
}

async function rawStream(client: { transport: { cookieHeader(): string } }, path: string, headers = {}) {
  const response = await fetch(new URL(path, server.url), {
    headers: { cookie: client.transport.cookieHeader(), ...headers },
  });
  const frames = [];
  if (response.body) for await (const frame of parseEventStream(response.body)) frames.push(frame);
  return { response, frames };
}

describe("SSE streams", () => {
  it("sends id-numbered AI SDK parts, then [DONE], with the headers of a UI message stream", async () => {
    const { client, sent } = await conversationWith("[[chunks:4]] sse please");
    const { response, frames } = await rawStream(client, `/api/streams/${sent.streamId}`);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(frames.at(-1)).toEqual({ data: "[DONE]" });
    const events = frames.slice(0, -1);
    expect(events.map((frame) => frame.id)).toEqual(events.map((_, index) => String(index + 1)));
    const types = events.map((frame) => JSON.parse(frame.data).type);
    expect(types[0]).toBe("start");
    expect(types.filter((type) => type === "text-delta")).toHaveLength(4);
    expect(types.at(-1)).toBe("finish");
  });

  it("replays from Last-Event-ID or ?after=, exactly the rest", async () => {
    const { client, sent } = await conversationWith("[[chunks:6]] resume me");
    const all = await collect(client.streams.read(sent.streamId));
    const fromHeader = await rawStream(client, `/api/streams/${sent.streamId}`, { "last-event-id": "4" });
    const fromQuery = await rawStream(client, `/api/streams/${sent.streamId}?after=4`);
    const expected = all.slice(4).map((event) => String(event.seq));
    expect(fromHeader.frames.slice(0, -1).map((frame) => frame.id)).toEqual(expected);
    expect(fromQuery.frames.slice(0, -1).map((frame) => frame.id)).toEqual(expected);
  });

  it("resumes a live stream after a dropped connection with nothing lost or doubled", async () => {
    const { client, conversation, sent } = await conversationWith(
      "[[slow:20]][[chunks:20]] a fairly long answer to resume",
    );
    const reader = new AbortController();
    const firstPart = [];
    for await (const event of client.streams.read(sent.streamId, { signal: reader.signal })) {
      firstPart.push(event);
      if (event.seq === 6) break;
    }
    const rest = await collect(client.streams.read(sent.streamId, { after: 6 }));
    const joined = [...firstPart, ...rest];
    expect(joined.map((event) => event.seq)).toEqual(joined.map((_, index) => index + 1));
    const persisted = (await client.messages.list(conversation.id)).at(-1);
    expect(textOf(joined)).toBe(persisted?.content);
    expect(persisted?.content).toBe("Echo: a fairly long answer to resume");
  });

  it("checkpoints the partial text of a running reply", async () => {
    const { client, conversation, sent } = await conversationWith("[[slow:30]][[chunks:60]] checkpoint me please");
    const partial = await eventually(async () => {
      const reply = (await client.messages.list(conversation.id)).at(-1);
      expect(reply?.status).toBe("streaming");
      expect(reply?.content.length).toBeGreaterThan(0);
      return reply?.content ?? "";
    });
    expect("Echo: checkpoint me please".startsWith(partial)).toBe(true);
    await collect(client.streams.read(sent.streamId));
  });

  it("delivers text with newlines, carriage returns and `event:` lines as single data events", async () => {
    const tricky = "line one\nevent: injected\r\ndata: [DONE]\r\rid: 99\n\nend";
    const { client, conversation, sent } = await conversationWith(`[[reply:${tricky}]][[chunks:3]]`);
    const { frames } = await rawStream(client, `/api/streams/${sent.streamId}`);
    const deltas = frames
      .slice(0, -1)
      .map((frame) => JSON.parse(frame.data))
      .filter((part) => part.type === "text-delta");
    expect(deltas.map((part) => part.delta).join("")).toBe(tricky);
    expect(frames.filter((frame) => frame.data === "[DONE]")).toHaveLength(1);
    expect((await client.messages.list(conversation.id)).at(-1)?.content).toBe(tricky);
  });

  it("cancels: the reply keeps what it had, status cancelled, and the stream ends with an abort part", async () => {
    const { client, conversation, sent } = await conversationWith("[[slow:100]][[chunks:50]] stop me");
    const events = [];
    for await (const event of client.streams.read(sent.streamId)) {
      events.push(event);
      if (event.part.type === "text-delta" && events.filter((e) => e.part.type === "text-delta").length === 2) {
        expect(await client.streams.cancel(sent.streamId)).toEqual({ status: "cancelling" });
      }
    }
    expect(events.at(-1)?.part.type).toBe("abort");
    const reply = await eventually(async () => {
      const last = (await client.messages.list(conversation.id)).at(-1);
      expect(last?.status).toBe("cancelled");
      return last;
    });
    expect(reply?.content).toBe(textOf(events));
    expect(reply?.content.length).toBeGreaterThan(0);
  });

  it("answers 410 once an ended stream's log is no longer kept, and 404 for unknown ids", async () => {
    // Its own server keeps ended logs for a second, so that the other tests never race a short retention.
    const own = await startServerWithFakeProvider({ STREAM_RETENTION_SECONDS: "1" });
    try {
      const { client } = await signedInClient(own.server.url);
      const conversation = await client.conversations.create({ model: MODEL });
      const sent = await client.messages.send(conversation.id, { content: "short" });
      await collect(client.streams.read(sent.streamId));
      const status = async (streamId: string) =>
        (
          await fetch(new URL(`/api/streams/${streamId}`, own.server.url), {
            headers: { cookie: client.transport.cookieHeader() },
          })
        ).status;
      await eventually(async () => expect(await status(sent.streamId)).toBe(410));
      expect(await status("does-not-exist")).toBe(404);
    } finally {
      await own.stop();
    }
  });

  it("refuses a malformed Last-Event-ID", async () => {
    const { client, sent } = await conversationWith("x");
    const { response } = await rawStream(client, `/api/streams/${sent.streamId}`, { "last-event-id": "abc" });
    expect(response.status).toBe(400);
  });

  it("holds a reader that stops reading at the log, instead of queueing its events in memory", {
    timeout: 180_000,
  }, async () => {
    const line = `${"0123456789abcdef".repeat(255)}\n`;
    const { client, conversation, sent } = await conversationWith(
      `[[reply:${line}]][[repeat:3000]][[chunks:3000]] a long answer`,
    );
    const reply = await eventually(async () => {
      const latest = (await client.messages.list(conversation.id)).at(-1);
      expect(latest?.status).toBe("complete");
      return latest;
      // Generous: 12 MB take seconds, and over a minute on a machine running several suites at once; the test is
      // about what happens after.
    }, 120_000);
    const sentSoFar = async () => {
      const metrics = await (await fetch(new URL("/metrics", server.url))).text();
      return Number(/^slipstream_stream_events_sent_total\{transport="sse"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
    };
    const before = await sentSoFar();

    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(new URL(`/api/streams/${sent.streamId}`, server.url), {
        headers: { cookie: client.transport.cookieHeader() },
      })
        .on("response", resolve)
        .on("error", reject),
    );
    response.pause();
    // Once the socket buffers are full, the count stops growing well short of the 3,000 events (12 MB).
    let previous = -1;
    let current = (await sentSoFar()) - before;
    for (let polls = 0; current !== previous && polls < 50; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      previous = current;
      current = (await sentSoFar()) - before;
    }
    expect(current).toBe(previous);
    expect(current).toBeLessThan(2_000);

    response.setEncoding("utf8");
    let body = "";
    response.on("data", (chunk: string) => {
      body += chunk;
    });
    response.resume();
    await new Promise((resolve) => response.on("end", resolve));
    const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(reply?.content.length).toBe(line.length * 3000);
  });
});
