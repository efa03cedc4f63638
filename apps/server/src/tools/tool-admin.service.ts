import type { AdminMcpResponse } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Principal } from "../identity/principal.ts";
import type { McpServers } from "../mcp/mcp-servers.ts";

/** What administrators see of the tool sources: MCP servers with their state and tools. */
export function createToolAdminService({ mcp, access }: { mcp: Pick<McpServers, "describe">; access: AccessPolicy }) {
  return {
    describeMcp({ principal }: { principal: Principal }): AdminMcpResponse {
      access.requireAdmin({ principal, action: "admin.tools" });
      return mcp.describe();
    },
  };
}
export type ToolAdminService = ReturnType<typeof createToolAdminService>;
