import {
  conversationResponseSchema,
  conversationsQuerySchema,
  conversationsResponseSchema,
  createConversationBodySchema,
  idSchema,
  updateConversationBodySchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

export const conversationPathParams = z.object({ id: idSchema.meta({ description: "The conversation's id." }) });
const unknownModel = { 400: "`model_not_found`: the model is not one the server lists." };

export const conversationPaths: ZodOpenApiPathsObject = {
  "/api/conversations": {
    get: {
      tags: ["conversations"],
      summary: "One page of the user's conversations, newest first",
      description:
        "At most `limit` (default and maximum CONVERSATIONS_PAGE_MAX, 100); `nextCursor`, passed as `cursor`, asks " +
        "for the next page, and is null on the last one. Owned ones, shared ones, and those of your spaces, each " +
        "with your strongest role; `spaceId` keeps one space's only.",
      requestParams: { query: conversationsQuerySchema },
      responses: {
        "200": jsonResponse("The page.", conversationsResponseSchema),
        ...errorResponses({ causes: ["session", "body", "notFound"] }),
      },
    },
    post: {
      tags: ["conversations"],
      summary: "Start a conversation",
      description:
        "Without `model`, the server's default model is used. With `spaceId`, it starts in that space (you must be its editor or owner), and the space's people reach it by their space role.",
      requestBody: { content: jsonContent(createConversationBodySchema) },
      responses: {
        "201": jsonResponse("The new conversation.", conversationResponseSchema),
        ...errorResponses({ causes: ["body", "session", "role", "notFound"], more: unknownModel }),
      },
    },
  },
  "/api/conversations/{id}": {
    get: {
      tags: ["conversations"],
      summary: "One conversation",
      requestParams: { path: conversationPathParams },
      responses: {
        "200": jsonResponse("The conversation.", conversationResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
    patch: {
      tags: ["conversations"],
      summary: "Rename a conversation, change its model or settings, or move it into or out of a space",
      description:
        "Moving it into a space (`spaceId`) needs that space's editor or owner role; out of its space (`spaceId: null`), managing the conversation.",
      requestParams: { path: conversationPathParams },
      requestBody: { required: true, content: jsonContent(updateConversationBodySchema) },
      responses: {
        "200": jsonResponse("The conversation as changed.", conversationResponseSchema),
        ...errorResponses({ causes: ["body", "session", "role", "notFound"], more: unknownModel }),
      },
    },
    delete: {
      tags: ["conversations"],
      summary: "Delete a conversation and its messages",
      requestParams: { path: conversationPathParams },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
};
