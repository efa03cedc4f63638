import {
  exportedConversationSchema,
  exportQuerySchema,
  exportSchema,
  searchQuerySchema,
  searchResponseSchema,
  sharedConversationSchema,
  shareResponseSchema,
  sharesResponseSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { conversationPathParams } from "./conversations.paths.ts";
import { errorResponses, jsonResponse } from "./responses.ts";

const sharePathParams = z.object({ id: z.string().meta({ description: "The link's token." }) });

/** Share links, export and search. */
export const sharingPaths: ZodOpenApiPathsObject = {
  "/api/conversations/{id}/shares": {
    post: {
      tags: ["sharing"],
      summary: "Make a read-only link to the conversation as it is now (owner only)",
      description: "The link holds a copy, branches kept: later messages are not in it. Its page is `/s/{id}`.",
      requestParams: { path: conversationPathParams },
      responses: {
        "201": jsonResponse("The link.", shareResponseSchema),
        ...errorResponses({ causes: ["params", "session", "role", "notFound"] }),
      },
    },
    get: {
      tags: ["sharing"],
      summary: "The conversation's live links, newest first (owner only)",
      requestParams: { path: conversationPathParams },
      responses: {
        "200": jsonResponse("The links.", sharesResponseSchema),
        ...errorResponses({ causes: ["params", "session", "role", "notFound"] }),
      },
    },
  },
  "/api/shares/{id}": {
    get: {
      tags: ["sharing"],
      summary: "What a link shows; no session needed",
      security: [],
      requestParams: { path: sharePathParams },
      responses: {
        "200": jsonResponse("The shared copy.", sharedConversationSchema),
        ...errorResponses({ causes: ["params", "notFound"] }),
      },
    },
    delete: {
      tags: ["sharing"],
      summary: "Revoke a link (its conversation's owner only); it answers 404 from then on",
      requestParams: { path: sharePathParams },
      responses: {
        "204": { description: "Revoked." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/export": {
    get: {
      tags: ["sharing"],
      summary: "Every conversation you own, with its settings and whole message tree",
      responses: {
        "200": jsonResponse("The export.", exportSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
  },
  "/api/conversations/{id}/export": {
    get: {
      tags: ["sharing"],
      summary: "One conversation you can read, as JSON (its tree) or Markdown (its newest branch)",
      requestParams: { path: conversationPathParams, query: exportQuerySchema },
      responses: {
        "200": {
          description: "The conversation, as a download.",
          content: {
            "application/json": { schema: exportedConversationSchema },
            "text/markdown": { schema: z.string() },
          },
        },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/search": {
    get: {
      tags: ["sharing"],
      summary: "Search titles and message text of every conversation you can read, best first",
      description:
        "Words, all required, the last one also as a prefix. `snippet` marks each hit with `<mark>…</mark>`; the rest of it is plain text, to be escaped.",
      requestParams: { query: searchQuerySchema },
      responses: {
        "200": jsonResponse("The hits.", searchResponseSchema),
        ...errorResponses({ causes: ["params", "session"] }),
      },
    },
  },
};
