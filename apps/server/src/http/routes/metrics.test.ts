import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  FAKE_MODEL,
  signedInClient,
  startServerWithFakeProvider,
  type TestServer,
} from "../../../test/support.ts";

let server: TestServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startServerWithFakeProvider());
});
afterAll(() => stop());

const scrape = async () => (await fetch(new URL("/metrics", server.url))).text();
const value = (text: string, series: string) => {
  const line = text.split("\n").find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("/metrics", () => {
  it("counts connections, events, resumes, first tokens, durations and provider errors", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: FAKE_MODEL });
    const ok = await client.messages.send(conversation.id, { content: "[[chunks:4]] measured" });
    const events = await collect(client.streams.read(ok.streamId));
    await collect(client.streams.read(ok.streamId, { after: 2 }));
    const failed = await client.messages.send(conversation.id, { content: "[[status:401]] fails" });
    const failedEvents = await collect(client.streams.read(failed.streamId));
    const realtime = await client.connect();

    const text = await scrape();
    expect(text).toContain("# TYPE slipstream_time_to_first_token_seconds histogram");
    expect(value(text, 'slipstream_stream_events_sent_total{transport="sse"}')).toBe(
      events.length + (events.length - 2) + failedEvents.length,
    );
    expect(value(text, 'slipstream_stream_resumes_total{transport="sse"}')).toBe(1);
    expect(value(text, "slipstream_time_to_first_token_seconds_count")).toBe(1);
    expect(value(text, 'slipstream_generation_duration_seconds_count{status="complete"}')).toBe(1);
    expect(value(text, 'slipstream_generation_duration_seconds_count{status="error"}')).toBe(1);
    expect(value(text, 'slipstream_provider_errors_total{provider="local"}')).toBe(1);
    expect(value(text, "slipstream_websocket_connections")).toBe(1);
    expect(value(text, "slipstream_generations_running")).toBe(0);
    realtime.close();
  });
});
