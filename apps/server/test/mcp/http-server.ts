import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createFixtureServer } from "./fixture-tools.ts";

export type FixtureHttpServer = {
  url: string;
  /** The Authorization header of every request, in order. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
}

/** The fixture MCP server over streamable HTTP (stateless: a server per request), on a free port. */
export async function startFixtureHttpServer(): Promise<FixtureHttpServer> {
  const authorizations: (string | undefined)[] = [];
  const http = createServer(async (request, response) => {
    authorizations.push(request.headers.authorization);
    if (request.method !== "POST") {
      response.writeHead(405).end();
      return;
    }
    const server = createFixtureServer({ authorization: () => request.headers.authorization });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, await readBody(request));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** A server that accepts connections and never answers: an MCP server that hangs. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const http = createServer(() => {});
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
