import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type SlackCall = { method: string; channel: string; ts: string; threadTs?: string; text: string; at: number };

/**
 * A fake Slack Web API on loopback, speaking what `@slack/web-api` sends: form-encoded `chat.postMessage` and
 * `chat.update` under `/api/`, with a bot token, answered `{ok, channel, ts}`. It keeps every call, and each
 * posted message's text as it stands.
 */
export async function startFakeSlack({ token }: { token: string }) {
  const calls: SlackCall[] = [];
  const messages = new Map<string, { threadTs?: string; text: string }>();
  let counter = 0;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const reply = (payload: object) =>
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (request.headers.authorization !== `Bearer ${token}`) return reply({ ok: false, error: "invalid_auth" });
      const form = new URLSearchParams(body);
      const method = (request.url ?? "").replace(/^\/api\//, "");
      const channel = form.get("channel") ?? "";
      const text = form.get("text") ?? "";
      if (method === "chat.postMessage") {
        counter += 1;
        const ts = `1700000000.${String(counter).padStart(6, "0")}`;
        const threadTs = form.get("thread_ts") ?? undefined;
        messages.set(ts, { threadTs, text });
        calls.push({ method, channel, ts, threadTs, text, at: Date.now() });
        return reply({ ok: true, channel, ts, message: { text, ts } });
      }
      if (method === "chat.update") {
        const ts = form.get("ts") ?? "";
        const message = messages.get(ts);
        if (!message) return reply({ ok: false, error: "message_not_found" });
        message.text = text;
        calls.push({ method, channel, ts, threadTs: message.threadTs, text, at: Date.now() });
        return reply({ ok: true, channel, ts, text });
      }
      return reply({ ok: false, error: "unknown_method" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    /** The posts in a thread, with their current text. */
    threadMessages: (threadTs: string) =>
      [...messages.entries()]
        .filter(([, message]) => message.threadTs === threadTs)
        .map(([ts, { text }]) => ({ ts, text })),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
