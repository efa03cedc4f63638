import {
  conversationResponseSchema,
  exportedConversationSchema,
  exportQuerySchema,
  exportSchema,
  importBodySchema,
  importResponseSchema,
  searchQuerySchema,
  searchResponseSchema,
  sharedConversationSchema,
  shareResponseSchema,
  sharesResponseSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { conversationPathParams } from "./conversations.paths.ts";
import { errorResponses, idParams, jsonContent, jsonResponse } from "./responses.ts";

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
  "/api/import": {
    post: {
      tags: ["sharing"],
      summary: "Import a Slipstream export or ChatGPT's conversations.json into your conversations, as a job",
      description:
        'The format is told by its shape: an object with `format: "slipstream.export"` (as `GET /api/export` writes it) ' +
        "or ChatGPT's array of conversations, whose trees become branches (the branch of `current_node` is the one shown). " +
        "Titles, times, branches and models (as labels) are kept; file parts that point at none of your files are " +
        "dropped with a note in the message. Follow the job at `GET /api/imports/{id}`.",
      requestBody: { required: true, content: jsonContent(importBodySchema) },
      responses: {
        "202": jsonResponse("The import, queued.", importResponseSchema),
        ...errorResponses({
          causes: ["session"],
          more: {
            400: "`invalid_request`: neither format, a field that does not fit (the message names it), or no conversations; `invalid_json`; `json_too_deep`.",
            413: "`payload_too_large`: the body is larger than IMPORT_MAX_BYTES (50 MiB unless configured).",
            415: "`unsupported_media_type`: the body is not `application/json`.",
          },
        }),
      },
    },
  },
  "/api/imports/{id}": {
    get: {
      tags: ["sharing"],
      summary: "An import's progress: `done` of `total` conversations, and the ids of those written",
      requestParams: { path: idParams("import") },
      responses: {
        "200": jsonResponse("The import.", importResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/shares/{id}/copy": {
    post: {
      tags: ["sharing"],
      summary: "Continue as a copy: a new conversation of yours with the link's messages, branches kept",
      description:
        "The sharer's files are not copied: their parts are dropped with a note. A revoked link is not found.",
      requestParams: { path: sharePathParams },
      responses: {
        "201": jsonResponse("The new conversation.", conversationResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
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
