import type { SlipstreamClient } from "@slipstream/client";
import type { Conversation, SearchResult, Space } from "@slipstream/protocol";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ClientContext } from "../app/client.ts";
import { Sidebar } from "./Sidebar.tsx";

const conversation = (id: string, title: string, updatedAt: string, spaceId: string | null = null): Conversation => ({
  id,
  title,
  model: "demo/echo",
  systemPrompt: "",
  params: {},
  tools: [],
  spaceId,
  createdAt: updatedAt,
  updatedAt,
});

const research: Space = { id: "s1", name: "Research", role: "owner", createdAt: "", updatedAt: "" };

function renderSidebar(
  conversations: Conversation[] = [
    conversation("c2", "Trip to Lisbon", "2025-01-02T00:00:00Z"),
    conversation("c1", "Sorting in Python", "2025-01-01T00:00:00Z"),
  ],
  { spaces = [], space }: { spaces?: Space[]; space?: Space } = {},
) {
  const handlers = {
    onOpen: vi.fn(),
    onRename: vi.fn(),
    onDelete: vi.fn(),
    onNewChat: vi.fn(),
    onSignOut: vi.fn(),
    onOpenSettings: vi.fn(),
    onOpenAdmin: vi.fn(),
    onSelectSpace: vi.fn(),
    onCreateSpace: vi.fn(),
    onOpenSpaceSettings: vi.fn(),
    search: vi.fn(async (): Promise<SearchResult[]> => []),
  };
  render(
    <ClientContext value={{ search: handlers.search } as unknown as SlipstreamClient}>
      <Sidebar
        user={{ id: "u", email: "ada@example.test", name: "Ada", role: "user", disabled: false, createdAt: "" }}
        conversations={conversations}
        loaded={true}
        activeId="c1"
        open={false}
        onClose={() => {}}
        spaces={spaces}
        space={space}
        {...handlers}
      />
    </ClientContext>,
  );
  return handlers;
}

const links = () =>
  within(screen.getByRole("list", { name: "Your conversations" }))
    .queryAllByRole("link")
    .map((link) => link.textContent);

describe("Sidebar", () => {
  it("lists conversations as links to their URL, marks the open one, and filters by title", async () => {
    renderSidebar();
    expect(links()).toEqual(["Trip to Lisbon", "Sorting in Python"]);
    expect(screen.getByRole("link", { name: "Sorting in Python" }).getAttribute("href")).toBe("/c/c1");
    expect(screen.getByRole("link", { name: "Sorting in Python" }).getAttribute("aria-current")).toBe("page");
    await userEvent.type(screen.getByRole("searchbox", { name: "Search conversations" }), "PYTHON");
    expect(links()).toEqual(["Sorting in Python"]);
    await userEvent.clear(screen.getByRole("searchbox", { name: "Search conversations" }));
    await userEvent.type(screen.getByRole("searchbox", { name: "Search conversations" }), "nothing like it");
    expect(screen.getByText("No conversation matches.")).toBeTruthy();
  });

  it("searches message text on the server and marks the words found, as text", async () => {
    const handlers = renderSidebar();
    handlers.search.mockResolvedValue([
      {
        conversationId: "c1",
        messageId: "m1",
        title: "Sorting in Python",
        snippet: "the <mark>Fibonacci</mark> numbers <b>bold</b>",
      },
    ]);
    await userEvent.type(screen.getByRole("searchbox", { name: "Search conversations" }), "fibonacci");
    const found = await screen.findByRole("region", { name: "Messages found" });
    expect(handlers.search).toHaveBeenLastCalledWith("fibonacci");
    expect(within(found).getByText("Fibonacci").tagName).toBe("MARK");
    expect(found.querySelector("b")).toBeNull();
    expect(found.textContent).toContain("<b>bold</b>");
    await userEvent.click(within(found).getByRole("link"));
    expect(handlers.onOpen).toHaveBeenCalledWith("c1");
  });

  it("renames with Enter, cancels with Escape, and asks to delete", async () => {
    const handlers = renderSidebar();
    await userEvent.click(screen.getByRole("button", { name: "Rename Trip to Lisbon" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Conversation title" }), "Ignored{Escape}");
    expect(handlers.onRename).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Rename Trip to Lisbon" }));
    const field = screen.getByRole("textbox", { name: "Conversation title" });
    await userEvent.clear(field);
    await userEvent.type(field, "Lisbon in May{Enter}");
    expect(handlers.onRename).toHaveBeenCalledWith("c2", "Lisbon in May");
    await userEvent.click(screen.getByRole("button", { name: "Delete Sorting in Python" }));
    expect(handlers.onDelete).toHaveBeenCalledWith(expect.objectContaining({ id: "c1" }));
    await userEvent.click(screen.getByRole("link", { name: "Trip to Lisbon" }));
    expect(handlers.onOpen).toHaveBeenCalledWith("c2");
  });

  it("shows titles as plain text: no Markdown markers, and no HTML", async () => {
    renderSidebar([
      conversation("c3", "**Plan** for _today_", "2025-01-03T00:00:00Z"),
      conversation("c4", '<img src="x" onerror="alert(1)"> `code`', "2025-01-02T00:00:00Z"),
    ]);
    expect(links()).toEqual(["Plan for today", '<img src="x" onerror="alert(1)"> code']);
    expect(screen.getByRole("list", { name: "Your conversations" }).querySelector("img, strong, em, code")).toBeNull();
    expect(screen.getByRole("button", { name: "Rename Plan for today" })).toBeTruthy();
    await userEvent.type(screen.getByRole("searchbox", { name: "Search conversations" }), "plan for");
    expect(links()).toEqual(["Plan for today"]);
  });

  it("shows only the picked space's conversations, starts new chats in it, and makes new spaces", async () => {
    const conversations = [
      conversation("c3", "Quasar notes", "2025-01-03T00:00:00Z", research.id),
      conversation("c2", "Trip to Lisbon", "2025-01-02T00:00:00Z"),
    ];
    const all = renderSidebar(conversations, { spaces: [research] });
    expect(links()).toEqual(["Quasar notes", "Trip to Lisbon"]);
    await userEvent.click(screen.getByRole("button", { name: "Research" }));
    expect(all.onSelectSpace).toHaveBeenCalledWith("s1");
    await userEvent.click(screen.getByRole("button", { name: "New space" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Name of the new space" }), "  Offsite {Enter}");
    expect(all.onCreateSpace).toHaveBeenCalledWith("Offsite");
    cleanup();

    const inSpace = renderSidebar(conversations, { spaces: [research], space: research });
    const list = screen.getByRole("list", { name: "Conversations in Research" });
    expect(
      within(list)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Quasar notes"]);
    expect(screen.getByRole("button", { name: "Research" }).getAttribute("aria-pressed")).toBe("true");
    await userEvent.click(screen.getByRole("button", { name: "New chat in Research" }));
    expect(inSpace.onNewChat).toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Settings of Research" }));
    expect(inSpace.onOpenSpaceSettings).toHaveBeenCalledWith(research);
    await userEvent.click(screen.getByRole("button", { name: "All conversations" }));
    expect(inSpace.onSelectSpace).toHaveBeenCalledWith(undefined);
  });
});
