import { z } from "zod";

/**
 * The last sequence number a reader has, from `Last-Event-ID` or `?after=`: the stream replays from the next one.
 * Coerced, since headers and query strings carry it as text.
 */
export const streamOffsetSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `POST /api/streams/:streamId/cancel`: the generation stops, and its reply is saved with what it had. */
export const cancelStreamResponseSchema = z.object({ status: z.literal("cancelling") });
export type CancelStreamResponse = z.infer<typeof cancelStreamResponseSchema>;
