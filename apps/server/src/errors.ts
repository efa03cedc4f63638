/**
 * Typed, coded errors. `expose` says whether the message may reach a user as it is;
 * anything else is reported as a generic internal error by the HTTP and WebSocket edges.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  constructor(code: string, status: number, message: string, options?: { cause?: unknown; expose?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = status;
    this.expose = options?.expose ?? status < 500;
  }
}

export const badRequest = (message: string, code = "bad_request") => new AppError(code, 400, message);
export const unauthorized = (message = "Sign in to continue.") => new AppError("unauthorized", 401, message);
export const notFound = (what = "Resource") => new AppError("not_found", 404, `${what} not found.`);
export const conflict = (message: string, code = "conflict") => new AppError(code, 409, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  Object.assign(new AppError("rate_limited", 429, message), { retryAfterSeconds });

export const serviceUnavailable = (message: string, cause: unknown) =>
  new AppError("unavailable", 503, message, { cause, expose: true });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
