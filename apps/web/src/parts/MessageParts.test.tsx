import type { MessagePart } from "@slipstream/protocol";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MessageParts } from "./MessageParts.tsx";

const renderParts = (parts: MessagePart[], streaming = false) =>
  render(<MessageParts parts={parts} streaming={streaming} />);

describe("MessageParts", () => {
  it("renders text parts as Markdown, in order, and leaves out parts it does not show", () => {
    const { container } = renderParts([
      { type: "step-start" },
      { type: "text", text: "First **bold**" },
      { type: "data-weather", data: { secret: "not shown" } },
      { type: "source-url", sourceId: "s", url: "https://example.test" },
      { type: "something-new", text: "not shown either" },
      { type: "text", text: "Second" },
    ]);
    expect([...container.querySelectorAll(".markdown")].map((element) => element.textContent?.trim())).toEqual([
      "First bold",
      "Second",
    ]);
    expect(container.querySelector(".markdown strong")?.textContent).toBe("bold");
    expect(container.textContent).not.toContain("not shown");
  });

  it("folds finished reasoning behind a summary the reader can open", async () => {
    const { container } = renderParts([
      { type: "reasoning", text: "The user wants *brevity*." },
      { type: "text", text: "Short answer." },
    ]);
    const details = container.querySelector("details.reasoning") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(screen.getByText("Thought for a moment")).toBeTruthy();
    expect(details.querySelector("em")?.textContent).toBe("brevity");
    await userEvent.click(screen.getByText("Thought for a moment"));
    expect(details.open).toBe(true);
  });

  it("shows reasoning open while it streams, and folds it once it is done", async () => {
    const streaming: MessagePart[] = [{ type: "reasoning", text: "Weighing it", state: "streaming" }];
    const { container, rerender } = renderParts(streaming, true);
    const details = container.querySelector("details.reasoning") as HTMLDetailsElement;
    expect(details.open).toBe(true);
    expect(screen.getByText("Thinking…")).toBeTruthy();
    expect(details.textContent).toContain("Weighing it");
    const done: MessagePart[] = [
      { type: "reasoning", text: "Weighing it up.", state: "done" },
      { type: "text", text: "Yes", state: "streaming" },
    ];
    rerender(<MessageParts parts={done} streaming={true} />);
    expect(details.open).toBe(false);
    expect(screen.getByText("Thought for a moment")).toBeTruthy();
  });

  it("stays closed while it streams once the reader closed it", async () => {
    const { container, rerender } = renderParts([{ type: "reasoning", text: "Step one", state: "streaming" }], true);
    const details = container.querySelector("details.reasoning") as HTMLDetailsElement;
    await userEvent.click(screen.getByText("Thinking…"));
    expect(details.open).toBe(false);
    rerender(
      <MessageParts parts={[{ type: "reasoning", text: "Step one, two", state: "streaming" }]} streaming={true} />,
    );
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("Step one, two");
  });

  it("shows a tool call as a card: name, state, pretty input, then output or error", async () => {
    const { container } = renderParts([
      { type: "tool-get_weather", toolCallId: "c1", state: "input-available", input: { city: "Lisbon" } },
      {
        type: "tool-get_weather",
        toolCallId: "c2",
        state: "output-available",
        input: { city: "Porto", days: [1, 2] },
        output: { celsius: 19 },
      },
      {
        type: "dynamic-tool",
        toolName: "fetch_page",
        toolCallId: "c3",
        state: "output-error",
        input: {},
        errorText: "timed out",
      },
      { type: "tool-run_code", toolCallId: "c4", state: "output-available", input: { code: "1+1" }, output: "2" },
    ]);
    const cards = [...container.querySelectorAll("details.tool-card")] as HTMLDetailsElement[];
    expect(cards.map((card) => card.querySelector("summary")?.textContent)).toEqual([
      "get_weatherrunning",
      "get_weatherdone",
      "fetch_pageerror",
      "run_codedone",
    ]);
    expect(cards.every((card) => !card.open)).toBe(true);
    await userEvent.click(screen.getAllByText("get_weather")[1] as HTMLElement);
    expect(cards[1]?.open).toBe(true);
    const values = (card: Element | undefined) =>
      [...(card?.querySelectorAll(".tool-section") ?? [])].map((section) => [
        section.querySelector(".tool-label")?.textContent,
        section.querySelector("pre")?.textContent,
      ]);
    expect(values(cards[0])).toEqual([["Input", '{\n  "city": "Lisbon"\n}']]);
    expect(values(cards[1])).toEqual([
      ["Input", '{\n  "city": "Porto",\n  "days": [\n    1,\n    2\n  ]\n}'],
      ["Output", '{\n  "celsius": 19\n}'],
    ]);
    expect(values(cards[2])).toEqual([
      ["Input", "{}"],
      ["Error", "timed out"],
    ]);
    expect(values(cards[3])?.[1]).toEqual(["Output", "2"]);
  });

  it("shows images inline and other files as download links, refusing script URLs", () => {
    const { container } = renderParts([
      { type: "file", mediaType: "image/png", url: "/api/files/f1", filename: "chart.png" },
      { type: "file", mediaType: "application/pdf", url: "/api/files/f2", filename: "report.pdf" },
      { type: "file", mediaType: "text/html", url: "javascript:alert(1)", filename: "trap.html" },
      { type: "file", mediaType: "image/png", url: "data:image/png;base64,iVBORw0KGgo=" },
    ]);
    const images = [...container.querySelectorAll("img")];
    expect(images.map((image) => [image.getAttribute("src"), image.getAttribute("alt")])).toEqual([
      ["/api/files/f1", "chart.png"],
      ["data:image/png;base64,iVBORw0KGgo=", "Image"],
    ]);
    const link = screen.getByRole("link", { name: "report.pdf" });
    expect(link.getAttribute("href")).toBe("/api/files/f2");
    expect(link.getAttribute("download")).toBe("report.pdf");
    expect(screen.queryByRole("link", { name: "trap.html" })).toBeNull();
    expect(container.innerHTML).not.toContain("javascript:");
  });

  it("keeps the rendering of the text when the saved message drops the step parts the live reply had", () => {
    const live: MessagePart[] = [{ type: "step-start" }, { type: "text", text: "Long answer", state: "streaming" }];
    const { container, rerender } = renderParts(live, true);
    const rendered = container.querySelector(".markdown");
    rerender(<MessageParts parts={[{ type: "text", text: "Long answer" }]} streaming={false} />);
    expect(container.querySelector(".markdown")).toBe(rendered);
  });
});
