import { APICallError, RetryError } from "ai";

const STATUS_HINTS: Record<number, string> = {
  401: "the provider rejected the API key",
  403: "the API key may not use this model",
  404: "the provider does not know this model",
  429: "the provider is rate-limiting requests",
};

const DROPPED = "The connection to the model provider dropped before the answer was complete.";

function* causes(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    yield current;
    current = current instanceof Error ? current.cause : undefined;
  }
}

const isTimeout = (error: unknown) =>
  [...causes(error)].some((cause) => cause instanceof Error && cause.name === "TimeoutError");

/**
 * A readable, secret-free sentence about why a generation failed, shown on the reply.
 * Provider response bodies are not echoed: they can carry account details.
 */
export function describeProviderError(error: unknown, { idleTimeoutMs }: { idleTimeoutMs: number }): string {
  if (RetryError.isInstance(error)) return describeProviderError(error.lastError, { idleTimeoutMs });
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
    const chain = [...causes(error)].map(String).join(" ");
    if (/terminated|socket|ECONNRESET|ECONNREFUSED|fetch failed|network/i.test(chain)) return DROPPED;
  }
  return "The model failed to answer.";
}
