import { streamPartSchema, uiChatRequestSchema } from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { errorResponses, jsonContent } from "./responses.ts";

const uiMessageStream = (description: string): ZodOpenApiResponseObject => ({
  description,
  headers: z.object({
    "x-vercel-ai-ui-message-stream": z.literal("v1").meta({ description: "The AI SDK stream protocol." }),
  }),
  content: { "text/event-stream": { schema: streamPartSchema } },
});

export const uiChatPaths: ZodOpenApiPathsObject = {
  "/api/chat": {
    post: {
      tags: ["chat"],
      summary: "A turn of the AI SDK's useChat (DefaultChatTransport)",
      description:
        "`id` names a conversation of the user: one of its conversation ids, or any id `useChat` made, which maps " +
        "to a conversation of its own (created on first use). `submit-message` sends the last message's text; " +
        "`regenerate-message` answers the user message before `messageId` again. The answer is the reply's UI " +
        "message stream over SSE, from its first part to `data: [DONE]`. The generation belongs to the server: " +
        "closing the response does not stop it.",
      requestBody: { required: true, content: jsonContent(uiChatRequestSchema) },
      responses: {
        "200": uiMessageStream("The reply's stream."),
        ...errorResponses({ causes: ["body", "session", "notFound", "unavailable"] }),
      },
    },
  },
  "/api/chat/{id}/stream": {
    get: {
      tags: ["chat"],
      summary: "Resume the chat's running reply (useChat with resume: true)",
      description: "The reply still being generated, replayed from its first part, then live; 204 when none runs.",
      requestParams: { path: z.object({ id: z.string().meta({ description: "The chat's id." }) }) },
      responses: {
        "200": uiMessageStream("The running reply's stream."),
        "204": { description: "Nothing is being generated in this chat." },
        ...errorResponses({ causes: ["params", "session"] }),
      },
    },
  },
};
