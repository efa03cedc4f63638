import { type SlipstreamClient, StreamGoneError } from "@slipstream/client";
import type { Message } from "@slipstream/protocol";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { ClientContext } from "../app/client.ts";
import type { Realtime } from "../connection/realtime.ts";
import { createLiveReplies } from "./live-replies.ts";
import { STREAM_GONE_NOTICE, useConversationMessages } from "./use-conversation-messages.ts";

const reply = (status: Message["status"], content: string): Message => ({
  id: "m2",
  conversationId: "c1",
  parentId: "m1",
  role: "assistant",
  content,
  parts: [{ type: "text", text: content }],
  model: "local/llama3.2",
  status,
  error: null,
  streamId: "s1",
  authorId: null,
  usage: null,
  attachments: [],
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
});

describe("useConversationMessages", () => {
  it("loads the saved reply when its live stream is gone, showing why the text stopped until then", async () => {
    const saved = [reply("streaming", ""), reply("complete", "The whole answer.")];
    const snapshot = vi.fn(async () => ({
      version: snapshot.mock.calls.length,
      messages: [saved[Math.min(snapshot.mock.calls.length - 1, 1)] as Message],
    }));
    const client = { history: { snapshot } } as unknown as SlipstreamClient;
    let handlers: Parameters<Realtime["followStream"]>[2] | undefined;
    const realtime = {
      watch: () => () => {},
      onReconnect: () => () => {},
      followStream: vi.fn((_streamId: string, _after: number, given: typeof handlers) => {
        handlers = given;
        return () => {};
      }),
    } as unknown as Realtime;
    const live = createLiveReplies({ schedule: (flush) => flush() });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
    );
    const { result } = renderHook(
      () => useConversationMessages({ conversationId: "c1", realtime, live, onConversationFrame: () => {} }),
      { wrapper },
    );
    await waitFor(() => expect(handlers).toBeDefined());
    live.apply("m2", { seq: 1, part: { type: "text-delta", id: "0", delta: "The wh" } });

    handlers?.onError(new StreamGoneError({ streamId: "s1", messageId: "m2", conversationId: "c1" }));
    expect(live.get("m2")?.error).toBe(STREAM_GONE_NOTICE);
    await waitFor(() => expect(result.current.messages.get("m2")?.status).toBe("complete"));
    expect(result.current.messages.get("m2")?.content).toBe("The whole answer.");
    expect(snapshot).toHaveBeenCalledTimes(2);
    // The saved reply is the record now: the live parts and the notice are gone.
    expect(live.get("m2")).toBeUndefined();
  });
});
