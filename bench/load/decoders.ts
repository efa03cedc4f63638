import type { StreamRecord } from "./stream-record.ts";

/** Reads one SSE `data` payload into the record; returns true at the end-of-stream marker. */
export type Decoder = (data: string, record: StreamRecord, id?: string) => boolean;

/** OpenAI chat-completions chunks, as the provider, the relay and Portkey send them. */
export const decodeOpenAiChunk: Decoder = (data, record) => {
  if (data === "[DONE]") return true;
  record.event();
  const content = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
  if (content) record.delta(content);
  return false;
};

export type UiPart = { type: string; delta?: string; errorText?: string; reason?: string };

/** An `error` or `abort` part ends a bench reply short of its text: the stream failed, however cleanly it ends. */
export function recordFailurePart(part: UiPart, record: StreamRecord) {
  if (part.type === "error") record.errorPart(`error: ${part.errorText ?? ""}`);
  else if (part.type === "abort") record.errorPart(`abort: ${part.reason ?? ""}`);
}

/** AI SDK UI message stream parts, with the SSE `id` as sequence number when there is one (Slipstream). */
export const decodeUiPart: Decoder = (data, record, id) => {
  if (data === "[DONE]") return true;
  record.event(id === undefined ? undefined : Number(id));
  const part = JSON.parse(data) as UiPart;
  if (part.type === "text-delta") record.delta(part.delta ?? "");
  else recordFailurePart(part, record);
  return false;
};
