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

/**
 * A followed stream's log was lost before it ended (the server's stream store restarted): nothing more will come
 * over it. The reply is saved: read message `messageId` of conversation `conversationId` (it may still be
 * generating; a conversation watch brings its final state).
 */
export class StreamGoneError extends SlipstreamError {
  readonly streamId: string;
  readonly messageId: string;
  readonly conversationId: string;
  constructor({
    streamId,
    messageId,
    conversationId,
    message = "This reply's live stream was lost; the reply is saved in its conversation.",
  }: {
    streamId: string;
    messageId: string;
    conversationId: string;
    message?: string;
  }) {
    super({ status: 410, code: "stream_gone", message });
    this.name = "StreamGoneError";
    this.streamId = streamId;
    this.messageId = messageId;
    this.conversationId = conversationId;
  }
}
