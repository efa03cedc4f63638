import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, eventually, FAKE_MODEL, signedInClient, startServerWithFakeProvider } from "../../../test/support.ts";
import { createWebhooksService } from "../../automation/webhooks.service.ts";
import type { Store } from "../../store/index.ts";

type Received = { headers: IncomingHttpHeaders; body: string; at: number };

/** A receiver on loopback that answers 503 to its first `downFor` requests, as a service that is down for a while. */
async function startReceiver({ downFor }: { downFor: number }) {
  const received: Received[] = [];
  let refused = 0;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (refused < downFor) {
        refused += 1;
        response.writeHead(503).end();
        return;
      }
      received.push({ headers: request.headers, body, at: Date.now() });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    refusedCount: () => refused,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let owner: Awaited<ReturnType<typeof signedInClient>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider({ ALLOW_PRIVATE_BASE_URLS: "true", WEBHOOK_RETRY_BASE_MS: "100" });
  owner = await signedInClient(env.server.url, "subscriber");
});
afterAll(() => env.stop());

const api = (account: typeof owner, path: string, init: RequestInit = {}) =>
  account.client.transport.raw(path, { ...init, headers: { "content-type": "application/json", ...init.headers } });

describe("outbound webhooks", () => {
  it("deliver every completed reply, signed, in order, retrying while the receiver is down", async () => {
    const receiver = await startReceiver({ downFor: 2 });
    try {
      const created = await api(owner, "/api/webhooks", {
        method: "POST",
        body: JSON.stringify({ url: receiver.url, events: ["message.completed"] }),
      });
      expect(created.status).toBe(201);
      const { webhook, secret } = await created.json();
      expect(secret).toMatch(/^whsec_/);

      const conversation = await owner.client.conversations.create({ model: FAKE_MODEL });
      const replies: string[] = [];
      for (const word of ["one", "two", "three"]) {
        const sent = await owner.client.messages.send(conversation.id, { content: `[[reply:${word}]] go` });
        await collect(owner.client.streams.read(sent.streamId));
        replies.push(sent.reply.id);
      }

      await eventually(() => expect(receiver.received).toHaveLength(3), 30_000);
      const verifier = new Webhook(secret);
      const events = receiver.received.map(({ headers, body }) => {
        verifier.verify(body, headers as Record<string, string>);
        return JSON.parse(body);
      });
      expect(events.map((event) => event.type)).toEqual([
        "message.completed",
        "message.completed",
        "message.completed",
      ]);
      expect(events.map((event) => event.data.message.id)).toEqual(replies);
      expect(events.map((event) => event.data.message.content)).toEqual(["one", "two", "three"]);
      expect(receiver.refusedCount()).toBe(2);

      const { deliveries } = await (await api(owner, `/api/webhooks/${webhook.id}/deliveries`)).json();
      expect(deliveries.map((delivery: { status: string }) => delivery.status)).toEqual([
        "delivered",
        "delivered",
        "delivered",
      ]);
      const first = deliveries.at(-1);
      expect(first.attempts).toBe(3);
      expect(new Set(receiver.received.map(({ headers }) => headers["webhook-id"]))).toEqual(
        new Set(deliveries.map((delivery: { id: string }) => delivery.id)),
      );

      const retried = await api(owner, `/api/webhooks/${webhook.id}/deliveries/${first.id}/retry`, { method: "POST" });
      expect(retried.status).toBe(202);
      await eventually(() => expect(receiver.received).toHaveLength(4));
      expect(receiver.received[3]?.headers["webhook-id"]).toBe(first.id);

      // Counted once the delivery is recorded, just after the receiver answered.
      await eventually(async () => {
        const metrics = await (await fetch(new URL("/metrics", env.server.url))).text();
        expect(metrics).toMatch(/slipstream_webhook_deliveries_total\{outcome="retrying"\} 2/);
        expect(metrics).toMatch(/slipstream_webhook_deliveries_total\{outcome="delivered"\} 4/);
      });

      const stranger = await signedInClient(env.server.url, "stranger");
      expect((await api(stranger, `/api/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it("refuse a URL on a private address", async () => {
    const service = createWebhooksService({
      store: {} as Store,
      secrets: {} as never,
      jobs: {} as never,
      deliverJob: {} as never,
      outbound: { allowPrivate: false },
    });
    await expect(
      service.createWebhook({
        principal: { userId: "u", role: "user", via: "session" },
        url: "http://127.0.0.1:9/hook",
        events: ["message.completed"],
      }),
    ).rejects.toMatchObject({ code: "unsafe_url" });
  });
});
