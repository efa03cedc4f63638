import {
  idSchema,
  messagesResponseSchema,
  sendMessageBodySchema,
  sendMessageResponseSchema,
  streamPartSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { conversationPathParams } from "./conversations.paths.ts";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

export const messagePaths: ZodOpenApiPathsObject = {
  "/api/conversations/{id}/messages": {
    get: {
      tags: ["messages"],
      summary: "Every message of a conversation, every branch",
      description:
        "`status` is `streaming`, `complete`, `cancelled`, `error` or `interrupted` (its instance died; the text " +
        "is what was checkpointed). `parentId` links the messages into a tree: an edit or a regeneration is a branch.",
      requestParams: { path: conversationPathParams },
      responses: {
        "200": jsonResponse("The messages, oldest first.", messagesResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
    post: {
      tags: ["messages"],
      summary: "Send a message; the server generates the reply",
      description:
        "Answers at once with the user message, the reply (status `streaming`) and its `streamId`; the generation " +
        "runs on the server whether anyone reads the stream or not. Leaving `parentId` out continues the newest " +
        "message; `parentId` of an earlier message starts a branch (`null` a new root); `parentId` of a user " +
        "message without `content` regenerates its reply. With `Accept: text/event-stream` it answers 200 with the " +
        "reply's stream instead (one request per reply), as `GET /api/streams/{streamId}` sends it from the start; " +
        "resume a cut response there with `Last-Event-ID`.",
      requestParams: { path: conversationPathParams },
      requestBody: { required: true, content: jsonContent(sendMessageBodySchema) },
      responses: {
        "200": {
          description: "With `Accept: text/event-stream`: the reply's stream. Each `data:` line is one of these parts.",
          headers: z.object({
            "x-slipstream-stream-id": z.string().meta({ description: "The reply's `streamId`, to resume from." }),
            "x-slipstream-message-id": z.string().meta({ description: "The user message's id." }),
            "x-slipstream-reply-id": z.string().meta({ description: "The reply's id." }),
            "x-vercel-ai-ui-message-stream": z.literal("v1").meta({ description: "The AI SDK stream protocol." }),
          }),
          content: { "text/event-stream": { schema: streamPartSchema } },
        },
        "202": jsonResponse("The turn has started.", sendMessageResponseSchema),
        ...errorResponses({
          causes: ["body", "session", "notFound", "unavailable"],
          more: {
            400:
              "`bad_request`: neither `content` nor the `parentId` of a user message; `model_not_found`; " +
              "`unsupported_attachment`: an image attached for a model that does not take images (`vision: false` " +
              "in `GET /api/models`).",
          },
        }),
      },
    },
  },
  "/api/conversations/{id}/messages/{messageId}": {
    delete: {
      tags: ["messages"],
      summary: "Delete a message and every message under it (a branch)",
      description:
        "For the owner and editors. One `message.deleted` event names every deleted id. The files those messages " +
        "carry (attachments, generated files) are deleted too, unless another message still carries them.",
      requestParams: {
        path: conversationPathParams.extend({ messageId: idSchema.meta({ description: "The message's id." }) }),
      },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({
          causes: ["params", "session", "role", "notFound"],
          more: { 409: "`turn_in_progress`: a reply in the branch is still being written; cancel it or wait." },
        }),
      },
    },
  },
};
