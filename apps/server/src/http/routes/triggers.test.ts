import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, FAKE_MODEL, signedInClient, startServerWithFakeProvider } from "../../../test/support.ts";

let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let owner: Awaited<ReturnType<typeof signedInClient>>;
beforeAll(async () => {
  env = await startServerWithFakeProvider();
  owner = await signedInClient(env.server.url, "automator");
});
afterAll(() => env.stop());

const api = (account: typeof owner, path: string, init: RequestInit = {}) =>
  account.client.transport.raw(path, { ...init, headers: { "content-type": "application/json", ...init.headers } });

async function createTrigger(body: object) {
  const response = await api(owner, "/api/triggers", { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

function callHook(
  path: string,
  {
    secret,
    id,
    body,
    at = new Date(),
    signature,
  }: { secret: string; id: string; body: string; at?: Date; signature?: string },
) {
  return fetch(new URL(path, env.server.url), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature ?? new Webhook(secret).sign(id, at, body),
    },
    body,
  });
}

const runsOf = async (id: string) => (await (await api(owner, `/api/triggers/${id}/runs`)).json()).runs;

describe("webhook triggers", () => {
  it("a signed call runs the prompt filled from its body as the owner, and the reply completes", async () => {
    const created = await createTrigger({
      name: "Issues",
      kind: "webhook",
      prompt: "[[reply:Triaged {{body.issue.title}}]] {{body.issue.title}}",
      model: FAKE_MODEL,
    });
    expect(created.status).toBe(201);
    const { trigger, secret } = created.body;
    expect(secret).toMatch(/^whsec_/);
    expect(trigger.hookPath).toBe(`/hooks/${trigger.id}`);
    const listed = await (await api(owner, "/api/triggers")).text();
    expect(listed).not.toContain(secret);

    const body = JSON.stringify({ issue: { title: "Crash on save" } });
    const accepted = await callHook(trigger.hookPath, { secret, id: "msg_1", body });
    expect(accepted.status).toBe(202);
    const { runId } = await accepted.json();

    const [run] = await eventually(async () => {
      const runs = await runsOf(trigger.id);
      expect(runs[0]).toMatchObject({ id: runId, status: "complete", error: null });
      return runs;
    });
    const messages = await owner.client.messages.list(run.conversationId);
    expect(messages.map((message) => message.content)).toEqual([
      "[[reply:Triaged Crash on save]] Crash on save",
      "Triaged Crash on save",
    ]);
    expect(messages[1]).toMatchObject({ id: run.messageId, status: "complete" });

    const replayed = await callHook(trigger.hookPath, { secret, id: "msg_1", body });
    expect(replayed.status).toBe(202);
    expect((await replayed.json()).runId).toBe(runId);
    expect(await runsOf(trigger.id)).toHaveLength(1);
  });

  it("refuses a bad signature, a stale timestamp and an oversized body, and starts no run", async () => {
    const { trigger, secret } = (await createTrigger({ name: "Strict", kind: "webhook", prompt: "hi" })).body;
    const body = JSON.stringify({ a: 1 });
    const forged = await callHook(trigger.hookPath, { secret, id: "m1", body, signature: "v1,AAAA" });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe("invalid_signature");
    const otherSecret = `whsec_${Buffer.from("x".repeat(32)).toString("base64")}`;
    expect((await callHook(trigger.hookPath, { secret: otherSecret, id: "m2", body })).status).toBe(401);
    const stale = await callHook(trigger.hookPath, { secret, id: "m3", body, at: new Date(Date.now() - 6 * 60_000) });
    expect(stale.status).toBe(401);
    const tampered = await fetch(new URL(trigger.hookPath, env.server.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": "m4",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": new Webhook(secret).sign("m4", new Date(), body),
      },
      body: JSON.stringify({ a: 2 }),
    });
    expect(tampered.status).toBe(401);
    const huge = await callHook(trigger.hookPath, {
      secret,
      id: "m5",
      body: JSON.stringify({ x: "y".repeat(70_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await runsOf(trigger.id)).toEqual([]);
  });

  it("a paused trigger refuses calls; another user cannot see or change it", async () => {
    const { trigger, secret } = (await createTrigger({ name: "Paused", kind: "webhook", prompt: "hi" })).body;
    const paused = await api(owner, `/api/triggers/${trigger.id}`, {
      method: "PATCH",
      body: JSON.stringify({ status: "paused" }),
    });
    expect((await paused.json()).trigger.status).toBe("paused");
    expect((await callHook(trigger.hookPath, { secret, id: "p1", body: "{}" })).status).toBe(409);

    const stranger = await signedInClient(env.server.url, "stranger");
    expect((await api(stranger, `/api/triggers/${trigger.id}`)).status).toBe(404);
    expect((await api(stranger, `/api/triggers/${trigger.id}/runs`)).status).toBe(404);
    expect((await api(stranger, `/api/triggers/${trigger.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await api(owner, `/api/triggers/${trigger.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await callHook(trigger.hookPath, { secret, id: "p2", body: "{}" })).status).toBe(404);
  });
});

describe("schedule and poll triggers", () => {
  it("take a 5-field cron with a timezone, refuse a bad one, and a poll needs its URL and interval", async () => {
    const bad = await createTrigger({ name: "Bad", kind: "schedule", prompt: "p", schedule: "61 * * * *" });
    expect(bad.status).toBe(400);
    const sixFields = await createTrigger({ name: "Six", kind: "schedule", prompt: "p", schedule: "0 0 9 * * *" });
    expect(sixFields.status).toBe(400);
    const zone = await createTrigger({
      name: "Zone",
      kind: "schedule",
      prompt: "p",
      schedule: "0 9 * * 1",
      timezone: "Mars/Olympus",
    });
    expect(zone.status).toBe(400);
    const good = await createTrigger({
      name: "Morning",
      kind: "schedule",
      prompt: "Good morning",
      schedule: "0 9 * * 1-5",
      timezone: "Europe/Paris",
    });
    expect(good.status).toBe(201);
    expect(good.body.trigger).toMatchObject({ schedule: "0 9 * * 1-5", timezone: "Europe/Paris", hookPath: null });
    expect(good.body.secret).toBeUndefined();
    const poll = await createTrigger({ name: "Poll", kind: "poll", prompt: "{{content}}" });
    expect(poll.status).toBe(400);
  });
});
