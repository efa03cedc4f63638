import { Agent, type IncomingMessage, request } from "node:http";

/** Keep-alive connections without a cap, as a browser fleet would hold: one per concurrent stream. */
export const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

export type Call = {
  response: IncomingMessage;
  /** Bytes this exchange has read from its socket so far. */
  bytesRead(): number;
};

/** One HTTP request; `agent: false` forces a fresh connection. */
export function call(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    agent = keepAliveAgent,
    signal,
  }: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    agent?: Agent | false;
    /** Aborting destroys the request, or the response while it is being read. */
    signal?: AbortSignal;
  } = {},
): Promise<Call> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, agent, signal }, (response) => {
      const socket = response.socket;
      resolve({ response, bytesRead: () => socket.bytesRead - before });
    });
    let before = 0;
    outgoing.once("socket", (socket) => {
      before = socket.bytesRead;
    });
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

export async function readText(response: IncomingMessage): Promise<string> {
  response.setEncoding("utf8");
  let text = "";
  for await (const chunk of response) text += chunk;
  return text;
}

/** A JSON request that must succeed (2xx); its parsed body. */
export async function callJson<T>(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<T> {
  const { response } = await call(url, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers: { ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await readText(response);
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) throw new Error(`${options.method ?? "GET"} ${url} answered ${status}: ${text}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}
