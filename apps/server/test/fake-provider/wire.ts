import type { IncomingHttpHeaders } from "node:http";

export type JsonObject = Record<string, unknown>;

/**
 * One message of the request history, flattened to its text, whatever the provider's wire format. A tool's
 * result is a message of its own with the role `tool`, even where the wire carries it inside a user message.
 */
export type ChatMessage = { role: string; text: string };

/** A call the fake model makes: `args` is the JSON text of its arguments. */
export type ToolCall = { id: string; name: string; args: string };

export type RecordedRequest = {
  method: string;
  /** Path and query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, `undefined` for requests without one. */
  body: unknown;
  /** The history the model saw (system prompt included), normalised across wire formats. */
  messages: ChatMessage[];
  /** Set when the client went away before the reply was complete (it cancelled the call). */
  abandoned?: boolean;
};

/** What a dialect needs to render one reply. */
export type ReplyContext = {
  id: string;
  model: string;
  created: number;
  body: JsonObject;
  text: string;
  inputTokens: number;
  outputTokens: number;
};

/** One provider's wire format: how to read a request and how to write replies and errors. */
export type Dialect = {
  messages(body: JsonObject): ChatMessage[];
  model(body: JsonObject, path: string): string;
  isStreaming(body: JsonObject, path: string): boolean;
  errorBody(status: number): JsonObject;
  /** Frames sent before the first delta (role chunk, message_start, …); may be empty. */
  open(ctx: ReplyContext): string;
  delta(ctx: ReplyContext, text: string, last: boolean): string;
  /** A reasoning delta, for dialects that stream reasoning before the answer. */
  reasoningDelta?(ctx: ReplyContext, text: string): string;
  close(ctx: ReplyContext): string;
  /** The whole reply as one JSON body, for non-streaming calls. */
  complete(ctx: ReplyContext): JsonObject;
  /** Tool calling, in the dialects that speak it. */
  tools?: {
    /** The names of the tools the request declares. */
    declared(body: JsonObject): string[];
    /** Every frame of a streamed reply that calls `call`, its arguments sent in `argumentDeltas`. */
    streamCall(ctx: ReplyContext, call: ToolCall, argumentDeltas: string[]): string[];
    /** A whole reply that calls `call`, for non-streaming calls. */
    completeCall(ctx: ReplyContext, call: ToolCall): JsonObject;
  };
};

export const sseData = (data: unknown, eol = "\n") => `data: ${JSON.stringify(data)}${eol}${eol}`;

export const sseEvent = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The text of a content field: a string, or an array of parts with a `text` each (OpenAI, Anthropic, Gemini parts). */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return objects(content)
    .map((part) => (typeof part.text === "string" ? part.text : ""))
    .join("");
}

const ERROR_MESSAGES: Record<number, string> = {
  400: "Invalid request.",
  401: "Incorrect API key provided.",
  403: "You are not allowed to use this model.",
  404: "The model does not exist.",
  429: "Rate limit reached. Please try again later.",
  500: "The server had an error while processing your request.",
  503: "The service is temporarily overloaded.",
};

export const errorMessage = (status: number) => ERROR_MESSAGES[status] ?? `Fake provider error ${status}.`;
