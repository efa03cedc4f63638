/**
 * Every error code the API answers with, and the HTTP status it comes with. WebSocket `error` frames carry the
 * same codes; the OpenAI-compatible gateway maps them to OpenAI's error types.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_request: 400,
  invalid_json: 400,
  json_too_deep: 400,
  invalid_frame: 400,
  model_not_found: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  sign_in_failed: 401,
  forbidden: 403,
  account_disabled: 403,
  wrong_password: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  /** A reply is still streaming on the branch the send continues: one reply at a time per branch. */
  turn_in_progress: 409,
  stream_expired: 410,
  /** A stream's log was lost before it ended (the stream store restarted): read the reply from its conversation. */
  stream_gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_key: 422,
  unsafe_url: 422,
  rate_limited: 429,
  quota_exceeded: 429,
  internal: 500,
  unavailable: 503,
  not_ready: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
