import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PluginView, pluginUiOf } from "./PluginView.tsx";

describe("plugin views of tool outputs", () => {
  it("reads {ui: {plugin, component, props}} from an output, and nothing from anything else", () => {
    const ui = { plugin: "chart", component: "BarChart", props: { bars: [] }, version: "abc" };
    expect(pluginUiOf({ ui, summary: "s" })).toEqual(ui);
    for (const output of [
      null,
      "text",
      { ui: "x" },
      { ui: { plugin: "chart" } },
      { ui: { plugin: "../x", component: "C" } },
    ]) {
      expect(pluginUiOf(output)).toBeUndefined();
    }
  });

  it("shows an error card in place of a module that does not load", async () => {
    render(<PluginView ui={{ plugin: "missing", component: "Chart" }} />);
    expect(screen.getByText(/Loading the missing view/)).toBeTruthy();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/The missing plugin could not show this\. Its UI module did not load/);
  });
});
