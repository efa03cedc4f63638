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
  /** An attachment the chosen model cannot take (an image, to a model that reads only text). */
  unsupported_attachment: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  sign_in_failed: 401,
  /** A webhook or Slack request whose signature is wrong, missing or too old. */
  invalid_signature: 401,
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
  /** An upload URL past its expiry, or already used. */
  upload_expired: 410,
  payload_too_large: 413,
  /** A file larger than UPLOAD_MAX_BYTES. */
  upload_too_large: 413,
  /** The upload would take the user past USER_STORAGE_QUOTA_BYTES. */
  storage_quota_exceeded: 413,
  unsupported_media_type: 415,
  /** A `Range` outside the file. */
  range_not_satisfiable: 416,
  invalid_key: 422,
  /** The uploaded bytes are not what the upload declared (size, or a type found in the bytes). */
  upload_mismatch: 422,
  unsafe_url: 422,
  rate_limited: 429,
  quota_exceeded: 429,
  /** Over a fixed cap (subscriptions or watches on one socket, sockets of one user): release one first. */
  limit_exceeded: 429,
  internal: 500,
  unavailable: 503,
  not_ready: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
