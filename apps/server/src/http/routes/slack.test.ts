import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack } from "../../../test/fake-slack.ts";
import { eventually, FAKE_MODEL, newClient, startServerWithFakeProvider } from "../../../test/support.ts";
import { SLACK_EDIT_INTERVAL_MS } from "../../automation/slack/slack-answer.job.ts";

const SIGNING_SECRET = "slack-signing-secret-for-tests";
const BOT_TOKEN = "xoxb-test-token";
const OWNER_EMAIL = `slack-owner-${process.pid}@example.test`;

let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let env: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
let owner: ReturnType<typeof newClient>;
beforeAll(async () => {
  slack = await startFakeSlack({ token: BOT_TOKEN });
  env = await startServerWithFakeProvider({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_USER_EMAIL: OWNER_EMAIL,
    SLACK_MODEL: FAKE_MODEL,
    SLACK_API_URL: slack.apiUrl,
  });
  owner = newClient(env.server.url);
  await owner.auth.register({ email: OWNER_EMAIL, password: "correct horse battery staple", name: "Slack" });
});
afterAll(async () => {
  await env.stop();
  await slack.close();
});

function postEvent(payload: object, { at = new Date(), secret = SIGNING_SECRET, headers = {} } = {}) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return fetch(new URL("/integrations/slack/events", env.server.url), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
      ...headers,
    },
    body,
  });
}

const mention = (eventId: string, ts: string, text: string, extra: object = {}) => ({
  type: "event_callback",
  team_id: "T1",
  event_id: eventId,
  event: { type: "app_mention", channel: "C1", user: "U1", ts, text: `<@UBOT> ${text}`, ...extra },
});

async function storedReplies() {
  const conversations = await owner.conversations.list();
  const replies = [];
  for (const conversation of conversations) {
    const messages = await owner.messages.list(conversation.id);
    replies.push(...messages.filter((message) => message.role === "assistant"));
  }
  return { conversations, replies };
}

describe("the Slack app", () => {
  it("answers url_verification, and refuses a bad signature or a stale timestamp", async () => {
    const verified = await postEvent({ type: "url_verification", challenge: "c-123" });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ challenge: "c-123" });
    expect((await postEvent({ type: "url_verification", challenge: "x" }, { secret: "wrong" })).status).toBe(401);
    const stale = await postEvent(
      { type: "url_verification", challenge: "x" },
      { at: new Date(Date.now() - 6 * 60_000) },
    );
    expect(stale.status).toBe(401);
  });

  it("answers a mention in its thread, edited about once a second, ending with the stored reply; a retry is not answered again", async () => {
    const words = Array.from({ length: 30 }, (_, index) => `w${index}`).join(" ");
    const started = Date.now();
    const acked = await postEvent(
      mention("Ev1", "1699000000.000100", `[[slow:100]][[chunks:30]][[reply:${words}]] go`),
    );
    expect(acked.status).toBe(200);
    expect(await acked.json()).toEqual({ ok: true });
    const ackMs = Date.now() - started;

    const retried = await postEvent(mention("Ev1", "1699000000.000100", "[[reply:twice]] go"), {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retried.status).toBe(200);

    const { replies } = await eventually(async () => {
      const stored = await storedReplies();
      expect(stored.replies[0]?.status).toBe("complete");
      expect(slack.threadMessages("1699000000.000100")[0]?.text).toBe(stored.replies[0]?.content);
      return stored;
    }, 20_000);
    expect(replies[0]?.content).toBe(words);

    const edits = slack.calls.filter((call) => call.threadTs === "1699000000.000100");
    expect(edits[0]?.method).toBe("chat.postMessage");
    expect(edits.filter((call) => call.method === "chat.postMessage")).toHaveLength(1);
    const updates = edits.slice(1);
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.at(-1)?.text).toBe(words);
    // Every streaming edit comes a second or more after the one before it; only the final, exact text may follow sooner.
    for (let index = 1; index < edits.length - 1; index += 1) {
      expect((edits[index]?.at ?? 0) - (edits[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(SLACK_EDIT_INTERVAL_MS - 5);
    }

    // A later event in another thread is answered after anything the retry could have queued.
    await postEvent({
      type: "event_callback",
      team_id: "T1",
      event_id: "Ev2",
      event: {
        type: "message",
        channel_type: "im",
        channel: "D1",
        user: "U1",
        ts: "1699000001.000100",
        text: "[[reply:in a DM]] hi",
      },
    });
    await eventually(() => expect(slack.threadMessages("1699000001.000100")[0]?.text).toBe("in a DM"), 20_000);
    expect(slack.threadMessages("1699000000.000100")).toHaveLength(1);
    expect((await storedReplies()).replies).toHaveLength(2);
    expect(ackMs).toBeLessThan(3_000);
  }, 60_000);

  it("keeps one conversation per thread, and ignores the app's own posts", async () => {
    const before = (await storedReplies()).conversations.length;
    await postEvent(mention("Ev3", "1699000002.000100", "[[reply:first]] a"));
    await eventually(() => expect(slack.threadMessages("1699000002.000100")[0]?.text).toBe("first"), 20_000);
    await postEvent(mention("Ev4", "1699000002.000200", "[[reply:second]] b", { thread_ts: "1699000002.000100" }));
    await eventually(() => expect(slack.threadMessages("1699000002.000100")[1]?.text).toBe("second"), 20_000);
    await postEvent({
      type: "event_callback",
      team_id: "T1",
      event_id: "Ev5",
      event: {
        type: "message",
        channel_type: "im",
        channel: "D1",
        bot_id: "B1",
        ts: "1699000003.000100",
        text: "mine",
      },
    });
    // Answered after anything the bot's own post could have queued.
    await postEvent(mention("Ev6", "1699000004.000100", "[[reply:after]] c"));
    await eventually(() => expect(slack.threadMessages("1699000004.000100")[0]?.text).toBe("after"), 20_000);
    expect(slack.calls.filter((call) => call.channel === "D1" && call.threadTs === "1699000003.000100")).toEqual([]);
    const { conversations } = await storedReplies();
    expect(conversations.length).toBe(before + 2);
    const thread = conversations.find((conversation) => conversation.title === "Slack: [[reply:first]] a");
    const messages = await owner.messages.list(thread?.id ?? "");
    expect(messages.map((message) => message.content)).toEqual([
      "[[reply:first]] a",
      "first",
      "[[reply:second]] b",
      "second",
    ]);
  }, 60_000);
});
