import { cancelStreamResponseSchema, idSchema, streamOffsetSchema, streamPartSchema } from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonResponse } from "./responses.ts";

const streamPathParams = z.object({ streamId: idSchema.meta({ description: "The reply's `streamId`." }) });

export const streamPaths: ZodOpenApiPathsObject = {
  "/api/streams/{streamId}": {
    get: {
      tags: ["streams"],
      summary: "Follow a generation over Server-Sent Events",
      description:
        "Each event is `id: <seq>` (1, 2, 3, …) and one `data:` line holding an AI SDK UI message stream part as " +
        "JSON, then `data: [DONE]` once the generation has ended. Resuming from `Last-Event-ID: N` (or `?after=N`) " +
        "replays every event from N+1, then follows live. A stream is readable for its whole life and for the " +
        "retention window after it ends (`STREAM_RETENTION_SECONDS`); then the saved message is the record. " +
        "A response that ends without `[DONE]` was cut: reconnect with `Last-Event-ID`, unless its last event is a " +
        '`{"type":"data-stream-gone","transient":true,"data":{"streamId","messageId","conversationId"}}` part (no `id:`): ' +
        "the stream's log was lost (the stream store restarted), nothing more comes, and the reply is saved as " +
        "`messageId` in `conversationId` (it may still be generating; a conversation watch brings its final state).",
      requestParams: {
        path: streamPathParams,
        query: z.object({
          after: streamOffsetSchema.optional().meta({ description: "Replay from the event after this one." }),
        }),
        header: z.object({
          "last-event-id": streamOffsetSchema
            .optional()
            .meta({ description: "As `after`; what an EventSource sends when it reconnects. Wins over `after`." }),
        }),
      },
      responses: {
        "200": {
          description: "The stream. Each event's `data:` line is one of these parts.",
          headers: z.object({
            "x-vercel-ai-ui-message-stream": z.literal("v1").meta({ description: "The AI SDK stream protocol." }),
          }),
          content: { "text/event-stream": { schema: streamPartSchema } },
        },
        ...errorResponses({
          causes: ["params", "session", "notFound", "unavailable"],
          more: { 410: "`stream_expired`: the stream has ended and its log is no longer kept; read the message." },
        }),
      },
    },
  },
  "/api/streams/{streamId}/cancel": {
    post: {
      tags: ["streams"],
      summary: "Stop a generation",
      description: "The reply is saved with the text it had, status `cancelled`; its stream ends with an `abort` part.",
      requestParams: { path: streamPathParams },
      responses: {
        "202": jsonResponse("The generation is stopping.", cancelStreamResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
};
