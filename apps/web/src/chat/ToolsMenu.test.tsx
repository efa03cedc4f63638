import type { Tool } from "@slipstream/protocol";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ToolsMenu } from "./ToolsMenu.tsx";

const runCode: Tool = { id: "run_code", name: "run_code", description: "Runs code", source: "builtin" };
const forecast: Tool = {
  id: "plugin:weather:forecast",
  name: "weather__forecast",
  description: "The forecast",
  source: "plugin:weather",
};

describe("ToolsMenu", () => {
  it("shows nothing when no tool is on offer", () => {
    const { container } = render(<ToolsMenu tools={[]} enabled={[]} onChange={() => {}} />);
    expect(container.innerHTML).toBe("");
  });

  it("lists the tools with the enabled ones checked, and says how many are on", async () => {
    render(<ToolsMenu tools={[runCode, forecast]} enabled={["plugin:weather:forecast", "gone"]} onChange={() => {}} />);
    expect(screen.getByText("Tools · 1")).toBeTruthy();
    await userEvent.click(screen.getByText("Tools · 1"));
    const boxes = screen.getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes.map((box) => box.checked)).toEqual([false, true]);
    expect(screen.getByText("plugin:weather")).toBeTruthy();
  });

  it("turns a tool on and off by its id", async () => {
    const onChange = vi.fn();
    const { rerender } = render(<ToolsMenu tools={[runCode, forecast]} enabled={[]} onChange={onChange} />);
    await userEvent.click(screen.getByText("Tools"));
    await userEvent.click(screen.getByRole("checkbox", { name: /run_code/ }));
    expect(onChange).toHaveBeenLastCalledWith(["run_code"]);
    rerender(<ToolsMenu tools={[runCode, forecast]} enabled={["run_code"]} onChange={onChange} />);
    await userEvent.click(screen.getByRole("checkbox", { name: /run_code/ }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
