import { errorBodySchema } from "@slipstream/protocol";
import { SlipstreamError } from "./errors.ts";

export type ClientOptions = {
  /** Where the server is, e.g. `http://127.0.0.1:3000`. In a browser, `location.origin`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /**
   * Keep the session cookie in this client rather than in a browser's cookie store. On by default outside
   * browsers (Node scripts, tests, the CLI), where fetch has no cookie store of its own.
   */
  cookieJar?: boolean;
};

/** Requests with the session cookie, JSON in and out, and API errors raised as SlipstreamError. */
export function createTransport({ baseUrl, fetch: fetchImpl = globalThis.fetch, cookieJar }: ClientOptions) {
  const jar = new Map<string, string>();
  const useJar = cookieJar ?? typeof document === "undefined";

  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  function remember(response: Response) {
    if (!useJar) return;
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, date] = attribute.trim().split("=");
        return key?.toLowerCase() === "expires" && date !== undefined && Date.parse(date) <= Date.now();
      });
      if (value === "" || expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (useJar && jar.size > 0) headers.set("cookie", cookieHeader());
    const response = await fetchImpl(new URL(path, baseUrl), { credentials: "same-origin", ...init, headers });
    remember(response);
    return response;
  }

  async function failure(response: Response): Promise<SlipstreamError> {
    const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
    const retryAfter = Number(response.headers.get("retry-after")) || undefined;
    const { code, message } = body.success
      ? body.data.error
      : { code: "http_error", message: `HTTP ${response.status} ${response.statusText}` };
    return new SlipstreamError({ status: response.status, code, message, retryAfter });
  }

  return {
    baseUrl,
    raw,
    failure,
    /** The cookie header a WebSocket upgrade needs outside a browser. */
    cookieHeader,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await raw(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      if (!response.ok) throw await failure(response);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
  };
}
export type Transport = ReturnType<typeof createTransport>;
