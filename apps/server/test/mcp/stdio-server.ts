import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createFixtureServer } from "./fixture-tools.ts";

/** The fixture MCP server over stdio: `node stdio-server.ts`. */
await createFixtureServer().connect(new StdioServerTransport());
