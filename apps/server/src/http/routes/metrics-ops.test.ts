import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  FAKE_MODEL,
  removeDir,
  signedInClient,
  startServer,
  startServerWithFakeProvider,
  type TestServer,
} from "../../../test/support.ts";

const series = (text: string, prefix: string) => text.split("\n").filter((line) => line.startsWith(prefix));

describe("/metrics for operators", () => {
  let server: TestServer;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ server, stop } = await startServerWithFakeProvider());
  });
  afterAll(() => stop());

  it("has process metrics, HTTP latency by route pattern, and tokens by model", async () => {
    const { client } = await signedInClient(server.url);
    const conversation = await client.conversations.create({ model: FAKE_MODEL });
    const sent = await client.messages.send(conversation.id, { content: "[[chunks:3]] count my tokens" });
    await collect(client.streams.read(sent.streamId));

    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(series(text, "process_cpu_user_seconds_total ")).toHaveLength(1);
    expect(series(text, "nodejs_eventloop_lag_seconds ")).toHaveLength(1);
    const messagesRoute = series(
      text,
      'slipstream_http_request_duration_seconds_count{method="POST",route="/api/conversations/:id/messages",status="202"}',
    );
    expect(messagesRoute).toEqual([expect.stringMatching(/ 1$/)]);
    // The raw URL (with its id) is never a label.
    expect(text).not.toContain(conversation.id);
    const [input] = series(text, `slipstream_tokens_total{model="${FAKE_MODEL}",kind="input"}`);
    const [output] = series(text, `slipstream_tokens_total{model="${FAKE_MODEL}",kind="output"}`);
    expect(Number(input?.split(" ").at(-1))).toBeGreaterThan(0);
    expect(Number(output?.split(" ").at(-1))).toBeGreaterThan(0);
  });
});

describe("/metrics behind METRICS_TOKEN", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ METRICS_TOKEN: "a-scrapers-secret-token" });
  });
  afterAll(async () => {
    await server.stop();
    await removeDir(server.dataDir);
  });

  it("answers 401 without the token or with another, and the metrics with it", async () => {
    const scrape = (authorization?: string) =>
      fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape("Bearer a-scrapers-secret-tokeN")).status).toBe(401);
    expect((await scrape("Bearer short")).status).toBe(401);
    const allowed = await scrape("Bearer a-scrapers-secret-token");
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("slipstream_generations_running");
  });
});
