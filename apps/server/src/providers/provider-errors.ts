import { APICallError, RetryError } from "ai";
import { isDomainError } from "../errors.ts";

const STATUS_HINTS: Record<number, string> = {
  401: "the provider rejected the API key",
  403: "the API key may not use this model",
  404: "the provider does not know this model",
  429: "the provider is rate-limiting requests",
};

const DROPPED = "The connection to the model provider dropped before the answer was complete.";
const UNREACHABLE = "The model provider could not be reached";

/** Failures to connect at all, by the error codes Node and undici give them. */
const CONNECT_FAILURES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "its host name is unknown",
  EAI_AGAIN: "its host name could not be looked up",
  EHOSTUNREACH: "its host is unreachable",
  ENETUNREACH: "its network is unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connecting timed out",
};

function* causes(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    yield current;
    current = current instanceof Error ? current.cause : undefined;
  }
}

/** Why the provider could not be reached, when the failure was to connect at all (before any answer). */
function connectFailure(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const code = (cause as { code?: unknown } | null)?.code;
    const text = typeof code === "string" ? CONNECT_FAILURES[code] : undefined;
    if (text) return text;
    if (cause instanceof Error) {
      const named = Object.keys(CONNECT_FAILURES).find((name) => cause.message.includes(name));
      if (named) return CONNECT_FAILURES[named];
    }
  }
  return undefined;
}

const isTimeout = (error: unknown) =>
  [...causes(error)].some((cause) => cause instanceof Error && cause.name === "TimeoutError");

/**
 * A readable, secret-free sentence about why a generation failed, shown on the reply.
 * Provider response bodies are not echoed: they can carry account details.
 */
export function describeProviderError(error: unknown, { idleTimeoutMs }: { idleTimeoutMs: number }): string {
  if (RetryError.isInstance(error)) return describeProviderError(error.lastError, { idleTimeoutMs });
  const unreachable = connectFailure(error);
  if (unreachable) return `${UNREACHABLE}: ${unreachable}.`;
  if (isTimeout(error)) {
    return `The model sent nothing for ${Math.round(idleTimeoutMs / 1000)} s, so the answer was stopped.`;
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    // A 200 that fails later is a stream cut off mid-answer: the body broke, not the request.
    if (status === undefined || status === 200) return DROPPED;
    const hint =
      STATUS_HINTS[status] ?? (status >= 500 ? "the provider had a server error" : "the request was refused");
    return `The model provider answered ${status}: ${hint}.`;
  }
  if (error instanceof Error) {
    if ("code" in error && error.code === "model_not_found") return error.message;
    // Our own failures written for users (the store or a limit unavailable) say what happened better than a guess.
    if (isDomainError(error) && error.expose) return error.message;
    const chain = [...causes(error)].map(String).join(" ");
    if (/terminated|socket|ECONNRESET|ECONNREFUSED|fetch failed|network/i.test(chain)) return DROPPED;
  }
  return "The model failed to answer.";
}
