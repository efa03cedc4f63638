import type { AdminMcpResponse, PluginsResponse } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Principal } from "../identity/principal.ts";
import type { McpServers } from "../mcp/mcp-servers.ts";
import type { PluginHost } from "../plugins/plugin-host.ts";

/** The tool sources as people see them: MCP servers (administrators) and plugins, with their state and tools. */
export function createToolSourcesService({
  mcp,
  plugins,
  access,
}: {
  mcp: Pick<McpServers, "describe">;
  plugins: Pick<PluginHost, "describe" | "uiFile">;
  access: AccessPolicy;
}) {
  return {
    describeMcp({ principal }: { principal: Principal }): AdminMcpResponse {
      access.requireAdmin({ principal, action: "admin.tools" });
      return mcp.describe();
    },
    listPlugins(_input: { principal: Principal }): PluginsResponse {
      return plugins.describe();
    },
    /** The file of a plugin's UI module at `path` (its `ui` entry when empty), or undefined. */
    pluginUiFile: (input: { name: string; path: string }) => plugins.uiFile(input),
  };
}
export type ToolSourcesService = ReturnType<typeof createToolSourcesService>;
