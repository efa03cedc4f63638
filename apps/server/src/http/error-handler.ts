import { ERROR_STATUS } from "@slipstream/protocol";
import type { FastifyError, FastifyInstance } from "fastify";
import { isDomainError } from "../errors.ts";
import { lingerOverRefusedBody } from "./refused-body.ts";

/** Fastify's own failures that are the client's fault, mapped to our codes. */
const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: "unsupported_media_type", message: "Send the body as application/json." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "invalid_json", message: "The JSON body is empty." },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "invalid_json", message: "The body is not valid JSON." },
};

/** The one translator from any error to `{"error":{"code","message"}}`; internals and stacks never leave the server. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
      if (!error.expose) request.log.error({ err: error }, "request failed");
      return reply.status(ERROR_STATUS[error.code]).send({
        error: { code: error.code, message: error.expose ? error.message : "Something went wrong on our side." },
      });
    }
    let known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      lingerOverRefusedBody(request, reply);
      // Imports take more than other routes: say the limit of this one.
      const mebibytes = Number((request.routeOptions.bodyLimit / 1024 / 1024).toFixed(1));
      known = { code: "payload_too_large", message: `The request body is larger than ${mebibytes} MiB.` };
    }
    if (known) return reply.status(error.statusCode ?? 400).send({ error: known });
    if (error instanceof SyntaxError || (error.statusCode === 400 && error.message.includes("JSON"))) {
      return reply.status(400).send({ error: { code: "invalid_json", message: "The body is not valid JSON." } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: "bad_request", message: "The request is invalid." } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal", message: "Something went wrong on our side." } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: "not_found", message: `No route for ${request.method} ${request.url}.` } }),
  );
}
