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
    /** Aborting cuts the connection as a lost network would: the response stops, with no error event. */
    signal?: AbortSignal;
  } = {},
): Promise<Call> {
  return new Promise((resolve, reject) => {
    let received: IncomingMessage | undefined;
    const outgoing = request(url, { method, headers, agent }, (response) => {
      received = response;
      const socket = response.socket;
      resolve({ response, bytesRead: () => socket.bytesRead - before });
    });
    if (signal) {
      // Not http.request's own `signal`: it destroys the request with an AbortError, and when the whole response
      // has arrived but not yet ended, Node returns the keep-alive socket to the pool (dropping its error listener)
      // before that error is emitted on it, so the process dies of an uncaught AbortError. Destroying the response
      // (or the request, before there is one) without an error cuts it the same way and keeps the socket out of
      // the pool.
      const cut = () => (received ? received.destroy() : outgoing.destroy());
      signal.addEventListener("abort", cut, { once: true });
      outgoing.once("close", () => signal.removeEventListener("abort", cut));
    }
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
