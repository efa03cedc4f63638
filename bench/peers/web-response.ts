import type { IncomingMessage, ServerResponse } from "node:http";

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
