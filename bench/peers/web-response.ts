import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serveParent } from "../process/agent.ts";

/** Writes a fetch `Response` to a Node response chunk by chunk, as Next.js and other Node adapters do. */
export async function sendWebResponse(res: ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
}

export async function readJson<T>(req: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as T;
}

/** The body every AI SDK peer accepts: the chat's messages, as the chatbot template posts them. */
export type ChatBody = { messages: { role: "user"; content: string }[] };

/** Listens on loopback with room for a burst of connections, and reports to the bench runner. */
export function listenForBench(server: Server, stop: () => Promise<void> = async () => undefined) {
  server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
    const { port } = server.address() as AddressInfo;
    serveParent({
      url: `http://127.0.0.1:${port}`,
      stop: async () => {
        await stop();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    });
  });
}
