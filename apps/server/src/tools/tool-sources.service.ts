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
  plugins: Pick<PluginHost, "describe">;
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
  };
}
export type ToolSourcesService = ReturnType<typeof createToolSourcesService>;
