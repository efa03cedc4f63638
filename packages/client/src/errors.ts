/** An error answer of the Slipstream API: its HTTP status and the `{code, message}` of its body. */
export class SlipstreamError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfter?: number;
  constructor({
    status,
    code,
    message,
    retryAfter,
  }: { status: number; code: string; message: string; retryAfter?: number }) {
    super(message);
    this.name = "SlipstreamError";
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}
