import { describe, expect, it } from "vitest";
import type { Principal } from "../identity/principal.ts";
import { createToolRegistry } from "./registry.ts";
import type { ToolDescriptor, ToolProvider } from "./types.ts";

const principal: Principal = { userId: "u1", role: "user", via: "session" };

function provider(
  source: ToolProvider["source"],
  tools: ToolDescriptor[],
  fails = false,
): ToolProvider & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    source,
    calls,
    list: async () => {
      if (fails) throw new Error("down");
      return tools;
    },
    execute: async ({ tool, input, context }) => {
      calls.push({ tool: tool.id, input, conversationId: context.conversationId });
      return { echoed: input };
    },
    status: () => ({ state: fails ? "error" : "ready", error: fails ? "down" : null }),
  };
}

const descriptor = (id: string, name = id): ToolDescriptor => ({
  id,
  name,
  description: `The ${id} tool`,
  source: "builtin",
  inputSchema: { type: "object", properties: { x: { type: "number" } } },
});

describe("tool registry", () => {
  it("lists every provider's tools, skipping one that fails, and forgets a provider that unregisters", async () => {
    const registry = createToolRegistry();
    registry.register(provider("builtin", [descriptor("run_code")]));
    registry.register(provider("mcp:down", [descriptor("mcp:down:x", "down__x")], true));
    const unregister = registry.register(provider("plugin:chart", [descriptor("plugin:chart:draw", "chart__draw")]));
    expect((await registry.list()).map((tool) => tool.id)).toEqual(["run_code", "plugin:chart:draw"]);
    unregister();
    expect((await registry.list()).map((tool) => tool.id)).toEqual(["run_code"]);
  });

  it("builds an AI SDK tool set of the enabled ids only, whose calls reach their provider", async () => {
    const registry = createToolRegistry();
    const chart = provider("plugin:chart", [
      descriptor("plugin:chart:draw", "chart__draw"),
      descriptor("plugin:chart:other", "chart__other"),
    ]);
    registry.register(chart);
    const tools = await registry.toolSet({ ids: ["plugin:chart:draw", "unknown"], principal, conversationId: "c1" });
    expect(Object.keys(tools)).toEqual(["chart__draw"]);
    const execute = tools.chart__draw?.execute as ((input: unknown, options: object) => Promise<unknown>) | undefined;
    const output = await execute?.({ x: 2 }, { toolCallId: "call-1", messages: [] });
    expect(output).toEqual({ echoed: { x: 2 } });
    expect(chart.calls).toEqual([{ tool: "plugin:chart:draw", input: { x: 2 }, conversationId: "c1" }]);
    expect(await registry.toolSet({ ids: [], principal, conversationId: "c1" })).toEqual({});
  });
});
