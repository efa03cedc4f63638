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
        "for the next page, and is null on the last one.",
      requestParams: { query: conversationsQuerySchema },
      responses: {
        "200": jsonResponse("The page.", conversationsResponseSchema),
        ...errorResponses({ causes: ["session", "body"] }),
      },
    },
    post: {
      tags: ["conversations"],
      summary: "Start a conversation",
      description: "Without `model`, the server's default model is used.",
      requestBody: { content: jsonContent(createConversationBodySchema) },
      responses: {
        "201": jsonResponse("The new conversation.", conversationResponseSchema),
        ...errorResponses({ causes: ["body", "session"], more: unknownModel }),
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
      summary: "Rename a conversation or change its model",
      requestParams: { path: conversationPathParams },
      requestBody: { required: true, content: jsonContent(updateConversationBodySchema) },
      responses: {
        "200": jsonResponse("The conversation as changed.", conversationResponseSchema),
        ...errorResponses({ causes: ["body", "session", "notFound"], more: unknownModel }),
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
