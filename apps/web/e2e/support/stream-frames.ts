import type { Page } from "playwright-core";

type EventFrame = { type: "event"; streamId: string; seq: number; part: { type: string; delta?: string } };

/** Records the stream events the page receives over its WebSockets, to check what it was sent, in order. */
export function recordStreamEvents(page: Page) {
  const events: EventFrame[] = [];
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string };
      if (frame.type === "event") events.push(frame as EventFrame);
    });
  });
  return {
    of: (streamId: string) => events.filter((event) => event.streamId === streamId),
    textOf: (streamId: string) =>
      events
        .filter((event) => event.streamId === streamId && event.part.type === "text-delta")
        .map((event) => event.part.delta ?? "")
        .join(""),
  };
}

export type StoredMessage = { id: string; role: string; content: string; status: string; streamId: string | null };

/** The messages as the server stored them, read with the page's own session. */
export async function storedMessages(page: Page, conversationId: string): Promise<StoredMessage[]> {
  return page.evaluate(async (id) => {
    const response = await fetch(`/api/conversations/${id}/messages`);
    return ((await response.json()) as { messages: StoredMessage[] }).messages;
  }, conversationId);
}
