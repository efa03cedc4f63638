import type { Message } from "@slipstream/protocol";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { createLiveReplies } from "./live-replies.ts";
import { MessageView } from "./MessageView.tsx";
import { MessageActionsContext } from "./message-actions.ts";

const reply = (patch: Partial<Message>): Message => ({
  id: "m1",
  conversationId: "c1",
  parentId: "u1",
  role: "assistant",
  content: "",
  parts: [],
  model: "demo/echo",
  status: "complete",
  error: null,
  streamId: "s1",
  authorId: null,
  usage: null,
  attachments: [],
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
  ...patch,
});

function renderMessage(message: Message, live = createLiveReplies()) {
  const actions = { showVersion: vi.fn(), regenerate: vi.fn(), edit: vi.fn(), removeBranch: vi.fn() };
  return {
    actions,
    ...render(
      <MessageActionsContext value={actions}>
        <MessageView
          message={message}
          index={0}
          count={1}
          previous={undefined}
          next={undefined}
          live={live}
          busy={false}
        />
      </MessageActionsContext>,
    ),
  };
}

describe("MessageView", () => {
  it("renders an answer from its parts", () => {
    const { container } = renderMessage(
      reply({
        content: "The answer.",
        parts: [
          { type: "reasoning", text: "Hidden thoughts" },
          { type: "tool-lookup", toolCallId: "t1", state: "output-available", input: { q: 1 }, output: "found" },
          { type: "text", text: "The answer." },
        ],
      }),
    );
    expect(container.querySelector("details.reasoning")).not.toBeNull();
    expect(container.querySelector(".tool-name")?.textContent).toBe("lookup");
    expect(container.querySelector(".message-parts > .markdown")?.textContent?.trim()).toBe("The answer.");
  });

  it("falls back to the content when a message has no parts", () => {
    const { container } = renderMessage(reply({ content: "Saved *before* parts" }));
    expect(container.querySelector(".markdown em")?.textContent).toBe("before");
  });

  it("shows the parts built from the stream while the reply is generated", () => {
    const frames: (() => void)[] = [];
    const live = createLiveReplies({ schedule: (flush) => frames.push(flush) });
    const runFrame = () =>
      act(() => {
        for (const flush of frames.splice(0)) flush();
      });
    const { container } = renderMessage(reply({ status: "streaming", content: "checkpoint" }), live);
    expect(container.querySelector(".markdown")?.textContent?.trim()).toBe("checkpoint");
    live.apply("m1", { seq: 1, part: { type: "reasoning-start", id: "r" } });
    live.apply("m1", { seq: 2, part: { type: "reasoning-delta", id: "r", delta: "Considering" } });
    runFrame();
    expect(container.querySelector("details.reasoning")?.hasAttribute("open")).toBe(true);
    expect(screen.getByText("Considering")).toBeTruthy();
    live.apply("m1", { seq: 3, part: { type: "reasoning-end", id: "r" } });
    live.apply("m1", { seq: 4, part: { type: "text-start", id: "t" } });
    live.apply("m1", { seq: 5, part: { type: "text-delta", id: "t", delta: "Live **text**" } });
    runFrame();
    expect(container.querySelector("details.reasoning")?.hasAttribute("open")).toBe(false);
    expect(container.querySelector(".message-parts > .markdown strong")?.textContent).toBe("text");
  });
  it("deletes a message and its replies only once the reader confirms", async () => {
    const { actions } = renderMessage(reply({ content: "Delete me" }));
    await userEvent.click(screen.getByRole("button", { name: "Delete message" }));
    expect(screen.getByRole("group", { name: "Confirm deletion" }).textContent).toContain(
      "Delete this message and every reply under it?",
    );
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(actions.removeBranch).not.toHaveBeenCalled();
    expect(screen.queryByRole("group", { name: "Confirm deletion" })).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Delete message" }));
    await userEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(actions.removeBranch).toHaveBeenCalledWith(expect.objectContaining({ id: "m1" }));
  });
});
