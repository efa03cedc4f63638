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

/** AI SDK UI message stream parts, with the SSE `id` as sequence number when there is one (Slipstream). */
export const decodeUiPart: Decoder = (data, record, id) => {
  if (data === "[DONE]") return true;
  record.event(id === undefined ? undefined : Number(id));
  const part = JSON.parse(data) as { type: string; delta?: string };
  if (part.type === "text-delta") record.delta(part.delta ?? "");
  return false;
};
