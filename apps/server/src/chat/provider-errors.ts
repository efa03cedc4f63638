import { APICallError } from "ai";

const STATUS_HINTS: Record<number, string> = {
  401: "the provider rejected the API key",
  403: "the API key may not use this model",
  404: "the provider does not know this model",
  429: "the provider is rate-limiting requests",
};

/**
 * A readable, secret-free sentence about why a generation failed, shown on the reply.
 * Provider response bodies are not echoed: they can carry account details.
 */
export function describeProviderError(error: unknown, { idleTimeoutMs }: { idleTimeoutMs: number }): string {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) return "Could not reach the model provider (the connection failed or dropped).";
    const hint =
      STATUS_HINTS[status] ?? (status >= 500 ? "the provider had a server error" : "the request was refused");
    return `The model provider answered ${status}: ${hint}.`;
  }
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || /timeout|timed out/i.test(error.message)) {
      return `The model sent nothing for ${Math.round(idleTimeoutMs / 1000)} s, so the answer was stopped.`;
    }
    if (
      /terminated|socket|ECONNRESET|ECONNREFUSED|fetch failed|network/i.test(`${error.message} ${String(error.cause)}`)
    ) {
      return "The connection to the model provider dropped before the answer was complete.";
    }
    if ("code" in error && error.code === "model_not_found") return error.message;
  }
  return "The model failed to answer.";
}
