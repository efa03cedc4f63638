import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/**
 * The tools of the test MCP servers: `shout` upper-cases, `env` lists the environment it runs with, `sleep` answers
 * after `ms`, `refuse` fails as a tool (isError), `whoami` tells the Authorization header its request carried.
 */
export function createFixtureServer({ authorization }: { authorization?: () => string | undefined } = {}) {
  const server = new McpServer({ name: "slipstream-fixture", version: "1.0.0" });
  server.registerTool(
    "shout",
    { description: "Upper-cases text", inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: "text", text: text.toUpperCase() }] }),
  );
  server.registerTool("env", { description: "The environment variables it runs with" }, async () => ({
    content: [{ type: "text", text: JSON.stringify(process.env) }],
  }));
  server.registerTool(
    "sleep",
    { description: "Answers after ms milliseconds", inputSchema: { ms: z.number() } },
    async ({ ms }) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { content: [{ type: "text", text: "awake" }] };
    },
  );
  server.registerTool("refuse", { description: "Always fails" }, async () => ({
    isError: true,
    content: [{ type: "text", text: "refused on purpose" }],
  }));
  server.registerTool("whoami", { description: "The Authorization header it saw" }, async () => ({
    content: [{ type: "text", text: authorization?.() ?? "nobody" }],
  }));
  return server;
}
