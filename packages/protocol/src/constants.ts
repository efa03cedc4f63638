/** Where the WebSocket API is served. */
export const WS_PATH = "/ws";

/** The session cookie set by sign-in. */
export const SESSION_COOKIE = "slipstream_session";

/** WebSocket close codes the server uses; 4xxx are Slipstream's own, after the HTTP status they resemble. */
export const CLOSE_CODES = {
  /** The server is shutting down: reconnect, to this or another instance. */
  goingAway: 1001,
  /** The socket kept flooding after its frames were refused. */
  policyViolation: 1008,
  /** A frame was larger than the server accepts. */
  messageTooBig: 1009,
  /** The client did not read fast enough; resume from the last seq. */
  tryAgainLater: 1013,
  /** The session was revoked (sign-out, password change): sign in again. */
  sessionRevoked: 4401,
  /** The account was disabled by an admin. */
  accountDisabled: 4403,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
