// @vitest-environment jsdom
import { useChat } from "@ai-sdk/react";
import { act, renderHook, waitFor } from "@testing-library/react";
import { DefaultChatTransport, type UIMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "./fake-provider/index.ts";
import { type ServerProcess, startInstance } from "./server-process.ts";

// The server runs in its own process: this file's globals are jsdom's, as a React app's would be (so nothing of the
// server is imported here, not even test/support.ts).
const FAKE_MODEL = "local/llama3.2";
const textOf = (message: UIMessage | undefined) =>
  (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");

describe("useChat from @ai-sdk/react against /api/chat, unchanged", () => {
  let fake: FakeProvider;
  let server: ServerProcess;
  let cookie: string;
  const transport = () => new DefaultChatTransport({ api: `${server.url}/api/chat`, headers: { cookie } });
  const api = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });

  beforeAll(async () => {
    fake = await startFakeProvider();
    server = await startInstance({ OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`, DEFAULT_MODEL: FAKE_MODEL });
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "hooks@example.test", password: "correct horse battery staple" }),
    });
    cookie = (registered.headers.get("set-cookie") ?? "").split(";")[0] as string;
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  it("sends, streams, reloads mid-answer and resumes the running reply", async () => {
    const chatId = "chat-made-by-the-hook";
    const first = renderHook(() => useChat({ id: chatId, transport: transport() }));
    await act(() => first.result.current.sendMessage({ text: "[[reply:alpha beta gamma delta]][[chunks:4]] hi" }));
    await waitFor(() => expect(first.result.current.status).toBe("ready"), { timeout: 15_000 });
    expect(textOf(first.result.current.messages.at(-1))).toBe("alpha beta gamma delta");

    const long = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
    act(() => {
      void first.result.current.sendMessage({ text: `[[reply:${long}]][[chunks:40]][[slow:100]] go on` });
    });
    await waitFor(
      () => {
        const { messages } = first.result.current;
        expect(messages).toHaveLength(4);
        expect(textOf(messages.at(-1)).length).toBeGreaterThan(0);
      },
      { timeout: 15_000 },
    );
    // A reload: the page's request ends, its state is gone; the app restores the saved messages and resumes.
    const shown = textOf(first.result.current.messages.at(-1));
    expect(shown.length).toBeLessThan(long.length);
    const restored = first.result.current.messages.filter((message, index, all) => {
      return !(index === all.length - 1 && message.role === "assistant");
    });
    await act(() => first.result.current.stop());
    first.unmount();

    const second = renderHook(() => useChat({ id: chatId, transport: transport(), messages: restored, resume: true }));
    await waitFor(() => expect(textOf(second.result.current.messages.at(-1))).toBe(long), { timeout: 20_000 });
    await waitFor(() => expect(second.result.current.status).toBe("ready"));
    expect(second.result.current.messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    second.unmount();

    // Nothing runs any more: a resume finds no reply to attach to.
    expect((await api(`/api/chat/${chatId}/stream`)).status).toBe(204);
    // The chat is a conversation like any other, with the replies saved whole.
    const { conversations } = (await (await api("/api/conversations")).json()) as { conversations: { id: string }[] };
    expect(conversations).toHaveLength(1);
    const { messages } = (await (await api(`/api/conversations/${conversations[0]?.id}/messages`)).json()) as {
      messages: { role: string; content: string; status: string }[];
    };
    expect(messages.map(({ role, content, status }) => ({ role, content, status }))).toEqual([
      { role: "user", content: "[[reply:alpha beta gamma delta]][[chunks:4]] hi", status: "complete" },
      { role: "assistant", content: "alpha beta gamma delta", status: "complete" },
      { role: "user", content: `[[reply:${long}]][[chunks:40]][[slow:100]] go on`, status: "complete" },
      { role: "assistant", content: long, status: "complete" },
    ]);
  });

  it("answers 204 for a chat with nothing running, and 401 without credentials", async () => {
    expect((await api("/api/chat/never-used/stream")).status).toBe(204);
    expect((await fetch(`${server.url}/api/chat/never-used/stream`)).status).toBe(401);
    const unsigned = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "x", messages: [], trigger: "submit-message" }),
    });
    expect(unsigned.status).toBe(401);
  });
});
