import { z } from "zod";

/**
 * Parts of the AI SDK UI message stream, as Slipstream sends them in SSE `data:` lines and WebSocket `event` frames.
 * Known parts are checked strictly; parts this version does not model yet pass through with their `type`.
 */
const textPart = (type: "text-start" | "text-end" | "reasoning-start" | "reasoning-end") =>
  z.looseObject({ type: z.literal(type), id: z.string() });
const deltaPart = (type: "text-delta" | "reasoning-delta") =>
  z.looseObject({ type: z.literal(type), id: z.string(), delta: z.string() });
/** A tool call's parts name it by `toolCallId`; its input streams as JSON text, then arrives whole. */
const toolPart = <Shape extends z.ZodRawShape>(type: string, shape: Shape) =>
  z.looseObject({ type: z.literal(type), toolCallId: z.string(), ...shape });

export const knownStreamPartSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("start"), messageId: z.string().optional() }),
  z.looseObject({ type: z.literal("start-step") }),
  textPart("text-start"),
  deltaPart("text-delta"),
  textPart("text-end"),
  textPart("reasoning-start"),
  deltaPart("reasoning-delta"),
  textPart("reasoning-end"),
  toolPart("tool-input-start", { toolName: z.string() }),
  toolPart("tool-input-delta", { inputTextDelta: z.string() }),
  toolPart("tool-input-available", { toolName: z.string(), input: z.unknown() }),
  toolPart("tool-input-error", { toolName: z.string(), input: z.unknown(), errorText: z.string() }),
  toolPart("tool-output-available", { output: z.unknown() }),
  toolPart("tool-output-error", { errorText: z.string() }),
  z.looseObject({ type: z.literal("finish-step") }),
  z.looseObject({ type: z.literal("finish"), finishReason: z.string().optional() }),
  z.looseObject({ type: z.literal("error"), errorText: z.string() }),
  z.looseObject({ type: z.literal("abort"), reason: z.string().optional() }),
]);

export const streamPartSchema = z.union([knownStreamPartSchema, z.looseObject({ type: z.string() })]);

/** Where the saved reply of a stream is: its message, in its conversation. */
export const savedReplySchema = z.object({ streamId: z.string(), messageId: z.string(), conversationId: z.string() });
export type SavedReply = z.infer<typeof savedReplySchema>;

/**
 * The last part of an SSE response whose log was lost before it ended (the stream store restarted empty): nothing
 * more follows and no `[DONE]` comes, and the reply is saved as `data.messageId` in `data.conversationId` (it may
 * still be generating; a conversation watch brings its final state). An AI SDK data part, so that `useChat` passes
 * it to `onData`; it has no sequence number (no SSE `id:`), since it is not in the log.
 */
export const streamGonePartSchema = z.object({
  type: z.literal("data-stream-gone"),
  transient: z.literal(true),
  data: savedReplySchema,
});
export type StreamGonePart = z.infer<typeof streamGonePartSchema>;
export type StreamPart = z.infer<typeof knownStreamPartSchema> | { type: string; [key: string]: unknown };

/** One event of a generation's log: its sequence number (1, 2, 3, …) and its part. */
export type StreamEvent = { seq: number; part: StreamPart };

/**
 * Stands in a reply an image model is making until its `file` part arrives: an AI SDK data part (kept by `useChat`
 * in the live message, not in the saved one), whose `data.message` is for people ("Generating image…").
 */
export const imageProgressPartSchema = z.object({
  type: z.literal("data-image-progress"),
  id: z.string(),
  data: z.object({ message: z.string() }),
});
export type ImageProgressPart = z.infer<typeof imageProgressPartSchema>;
