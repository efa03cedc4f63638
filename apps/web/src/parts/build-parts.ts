import type { MessagePart, StreamPart } from "@slipstream/protocol";
import type { ReasoningPart, TextPart, ToolPart } from "./part-types.ts";

/**
 * The parts of a reply being built from its stream, the way the AI SDK builds a UI message: text and
 * reasoning grow by their stream id, tool calls change state by `toolCallId`. Every change copies only the
 * part it touches, so the parts that did not change keep their identity (and their rendering).
 */
export type PartsBuilder = {
  parts: MessagePart[];
  /** Where each open text or reasoning part is in `parts`, by `text:<id>` / `reasoning:<id>`. */
  open: Readonly<Record<string, number>>;
  /** Where each tool call is in `parts`, and the input text streamed so far. */
  tools: Readonly<Record<string, { index: number; inputText: string }>>;
};

export const EMPTY_PARTS: PartsBuilder = { parts: [], open: {}, tools: {} };

type Chunk = StreamPart & Record<string, unknown>;
type Reduce = (builder: PartsBuilder, chunk: Chunk) => PartsBuilder;

const str = (value: unknown) => (typeof value === "string" ? value : "");

function replaceAt({ parts, index, part }: { parts: MessagePart[]; index: number; part: MessagePart }) {
  const next = [...parts];
  next[index] = part;
  return next;
}

const push = (builder: PartsBuilder, part: MessagePart): PartsBuilder => ({
  ...builder,
  parts: [...builder.parts, part],
});

function startText(kind: "text" | "reasoning"): Reduce {
  return (builder, chunk) => ({
    ...push(builder, { type: kind, text: "", state: "streaming" }),
    open: { ...builder.open, [`${kind}:${str(chunk.id)}`]: builder.parts.length },
  });
}

function growText(kind: "text" | "reasoning"): Reduce {
  return (builder, chunk) => {
    const key = `${kind}:${str(chunk.id)}`;
    // A delta without its start (a log that lost its head) still shows, as a part of its own.
    const opened = Object.hasOwn(builder.open, key) ? builder : startText(kind)(builder, chunk);
    const index = opened.open[key] ?? 0;
    const part = opened.parts[index] as TextPart | ReasoningPart;
    const grown = { ...part, text: part.text + str(chunk.delta) };
    return { ...opened, parts: replaceAt({ parts: opened.parts, index, part: grown }) };
  };
}

function endText(kind: "text" | "reasoning"): Reduce {
  return (builder, chunk) => {
    const key = `${kind}:${str(chunk.id)}`;
    const index = builder.open[key];
    if (index === undefined) return builder;
    const { [key]: _closed, ...open } = builder.open;
    const part = builder.parts[index] as MessagePart;
    return { ...builder, open, parts: replaceAt({ parts: builder.parts, index, part: { ...part, state: "done" } }) };
  };
}

/** Adds the tool call if it is new, then applies `change` to it; `inputText` is the input streamed so far. */
function updateTool({
  builder,
  chunk,
  change,
  inputText,
}: {
  builder: PartsBuilder;
  chunk: Chunk;
  change: (part: ToolPart) => ToolPart;
  inputText?: string;
}): PartsBuilder {
  const toolCallId = str(chunk.toolCallId);
  const known = builder.tools[toolCallId];
  const index = known?.index ?? builder.parts.length;
  const current = known ? (builder.parts[index] as ToolPart) : newToolPart(chunk);
  const parts = known ? builder.parts : [...builder.parts, current];
  return {
    ...builder,
    parts: replaceAt({ parts, index, part: change(current) }),
    tools: { ...builder.tools, [toolCallId]: { index, inputText: inputText ?? known?.inputText ?? "" } },
  };
}

function newToolPart(chunk: Chunk): ToolPart {
  const toolName = str(chunk.toolName);
  const base = { toolCallId: str(chunk.toolCallId), state: "input-streaming", input: undefined };
  return chunk.dynamic === true ? { type: "dynamic-tool", toolName, ...base } : { type: `tool-${toolName}`, ...base };
}

function parseOr({ text, fallback }: { text: string; fallback: unknown }): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The input is JSON cut off mid-way until its last delta: keep what parsed last.
    return fallback;
  }
}

const REDUCERS: Record<string, Reduce> = {
  "text-start": startText("text"),
  "text-delta": growText("text"),
  "text-end": endText("text"),
  "reasoning-start": startText("reasoning"),
  "reasoning-delta": growText("reasoning"),
  "reasoning-end": endText("reasoning"),
  "start-step": (builder) => push(builder, { type: "step-start" }),
  "tool-input-start": (builder, chunk) => updateTool({ builder, chunk, change: (part) => part }),
  "tool-input-delta": (builder, chunk) => {
    const known = builder.tools[str(chunk.toolCallId)];
    if (!known) return builder;
    const inputText = known.inputText + str(chunk.inputTextDelta);
    const change = (part: ToolPart) => ({ ...part, input: parseOr({ text: inputText, fallback: part.input }) });
    return updateTool({ builder, chunk, change, inputText });
  },
  "tool-input-available": (builder, chunk) =>
    updateTool({ builder, chunk, change: (part) => ({ ...part, state: "input-available", input: chunk.input }) }),
  "tool-input-error": (builder, chunk) =>
    updateTool({
      builder,
      chunk,
      change: (part) => ({ ...part, state: "output-error", input: chunk.input, errorText: str(chunk.errorText) }),
    }),
  "tool-output-available": (builder, chunk) =>
    updateTool({ builder, chunk, change: (part) => ({ ...part, state: "output-available", output: chunk.output }) }),
  "tool-output-error": (builder, chunk) =>
    updateTool({
      builder,
      chunk,
      change: (part) => ({ ...part, state: "output-error", errorText: str(chunk.errorText) }),
    }),
  file: (builder, chunk) => push(builder, { type: "file", url: str(chunk.url), mediaType: str(chunk.mediaType) }),
  "source-url": (builder, chunk) =>
    push(builder, { type: "source-url", sourceId: str(chunk.sourceId), url: str(chunk.url), title: chunk.title }),
};

/**
 * The builder after one more chunk of the stream; chunks that add no part (start, finish, error…) leave it as
 * it is. Shaped as a reducer: `chunks.reduce(applyChunk, EMPTY_PARTS)`.
 */
export function applyChunk(builder: PartsBuilder, chunk: StreamPart): PartsBuilder {
  const reduce = Object.hasOwn(REDUCERS, chunk.type) ? REDUCERS[chunk.type] : undefined;
  if (reduce) return reduce(builder, chunk as Chunk);
  if (chunk.type.startsWith("data-") && chunk.transient !== true) return upsertData(builder, chunk as Chunk);
  return builder;
}

/** A data part with an id replaces the earlier one of the same type and id, as the AI SDK does. */
function upsertData(builder: PartsBuilder, chunk: Chunk): PartsBuilder {
  const part: MessagePart =
    chunk.id === undefined
      ? { type: chunk.type, data: chunk.data }
      : { type: chunk.type, id: chunk.id, data: chunk.data };
  const index =
    chunk.id === undefined ? -1 : builder.parts.findIndex((p) => p.type === chunk.type && p.id === chunk.id);
  return index === -1 ? push(builder, part) : { ...builder, parts: replaceAt({ parts: builder.parts, index, part }) };
}
