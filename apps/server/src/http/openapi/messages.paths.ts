import { messagesResponseSchema, sendMessageBodySchema, sendMessageResponseSchema } from "@slipstream/protocol";
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
        "message without `content` regenerates its reply.",
      requestParams: { path: conversationPathParams },
      requestBody: { required: true, content: jsonContent(sendMessageBodySchema) },
      responses: {
        "202": jsonResponse("The turn has started.", sendMessageResponseSchema),
        ...errorResponses({
          causes: ["body", "session", "notFound", "unavailable"],
          more: {
            400: "`bad_request`: neither `content` nor the `parentId` of a user message; `model_not_found`.",
          },
        }),
      },
    },
  },
};
