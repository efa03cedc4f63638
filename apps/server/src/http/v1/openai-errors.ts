import { ERROR_STATUS, type ErrorCode } from "@slipstream/protocol";
import type { FastifyError, FastifyInstance } from "fastify";
import { isDomainError } from "../../errors.ts";

/** OpenAI's error `type` for each status the gateway answers with. */
function typeFor(status: number, code: string): string {
  if (code === "quota_exceeded") return "insufficient_quota";
  if (status === 401) return "invalid_request_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "invalid_request_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** Slipstream's codes as OpenAI clients expect them where OpenAI has its own (an unknown model is a 404 there). */
const OPENAI_CODES: Partial<Record<ErrorCode, { status: number; code: string }>> = {
  unauthorized: { status: 401, code: "invalid_api_key" },
  model_not_found: { status: 404, code: "model_not_found" },
};

export function openAiError(status: number, code: string, message: string) {
  return { error: { message, type: typeFor(status, code), param: null, code } };
}

/** Answers every failure under `/v1` as `{"error":{"message","type","param","code"}}`, with Retry-After on 429. */
export function registerOpenAiErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const mapped = OPENAI_CODES[error.code] ?? { status: ERROR_STATUS[error.code], code: error.code };
      if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
      if (!error.expose) request.log.error({ err: error }, "request failed");
      const message = error.expose ? error.message : "Something went wrong on our side.";
      return reply.status(mapped.status).send(openAiError(mapped.status, mapped.code, message));
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, "unhandled error");
    const message = status === 500 ? "Something went wrong on our side." : "The request is invalid.";
    return reply.status(status).send(openAiError(status, status === 500 ? "internal" : "invalid_request", message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(openAiError(404, "not_found", `No route for ${request.method} ${request.url}.`)),
  );
}
