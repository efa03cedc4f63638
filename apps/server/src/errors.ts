import { ERROR_STATUS, type ErrorCode } from "@slipstream/protocol";

/**
 * Typed, coded domain errors. They name what went wrong (`code`, from the protocol); the transports decide how
 * to say it (an HTTP status, a WebSocket `error` frame). `expose` says whether the message may reach a user as it
 * is; anything else is reported as a generic internal error.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly expose: boolean;
  /** For `rate_limited` and `quota_exceeded`: when to try again. */
  readonly retryAfterSeconds?: number;
  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; expose?: boolean; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DomainError";
    this.code = code;
    this.expose = options.expose ?? ERROR_STATUS[code] < 500;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * A stream's log was lost before it ended (the stream store restarted, or cannot be read): nothing more follows.
 * It names where the saved reply is, so that the transports can tell followers where to read it.
 */
export class StreamGoneError extends DomainError {
  readonly streamId: string;
  readonly messageId: string;
  readonly conversationId: string;
  constructor({
    streamId,
    messageId,
    conversationId,
    cause,
  }: {
    streamId: string;
    messageId: string;
    conversationId: string;
    cause: unknown;
  }) {
    super(
      "stream_gone",
      "This reply's live stream was lost; the reply is saved in its conversation: read it from there.",
      { cause, expose: true },
    );
    this.name = "StreamGoneError";
    this.streamId = streamId;
    this.messageId = messageId;
    this.conversationId = conversationId;
  }
}

export const badRequest = (message: string, code: ErrorCode = "bad_request") => new DomainError(code, message);
export const unauthorized = (message = "Sign in to continue.") => new DomainError("unauthorized", message);
export const forbidden = (message = "You may not do that here.") => new DomainError("forbidden", message);
export const accountDisabled = () =>
  new DomainError("account_disabled", "This account is disabled. Ask an administrator to enable it.");
export const notFound = (what = "Resource") => new DomainError("not_found", `${what} not found.`);
export const conflict = (message: string, code: ErrorCode = "conflict") => new DomainError(code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError("rate_limited", message, { retryAfterSeconds });
export const serviceUnavailable = (message: string, cause: unknown) =>
  new DomainError("unavailable", message, { cause, expose: true });

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
