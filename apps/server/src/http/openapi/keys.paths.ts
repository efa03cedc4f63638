import {
  apiTokensResponseSchema,
  createApiTokenBodySchema,
  createApiTokenResponseSchema,
  createProviderKeyBodySchema,
  providerKeyResponseSchema,
  providerKeysResponseSchema,
  usageQuerySchema,
  usageResponseSchema,
} from "@slipstream/protocol";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, idParams, jsonContent, jsonResponse } from "./responses.ts";

export const keyPaths: ZodOpenApiPathsObject = {
  "/api/keys": {
    get: {
      tags: ["keys"],
      summary: "Your provider keys (hints only, never the keys)",
      responses: {
        "200": jsonResponse("Your keys, oldest first.", providerKeysResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
    post: {
      tags: ["keys"],
      summary: "Add a provider key, once the provider accepts it",
      description:
        "The key is checked with a cheap authenticated call (listing models), then sealed (AES-256-GCM envelope). " +
        "It serves only you, ahead of the server's key for that provider. With `baseUrl` (required for " +
        "`openai-compatible`), your models are discovered from it and listed in your `GET /api/models`.",
      requestBody: { required: true, content: jsonContent(createProviderKeyBodySchema) },
      responses: {
        "201": jsonResponse("The key as stored.", providerKeyResponseSchema),
        ...errorResponses({
          causes: ["body", "session"],
          more: {
            409: "`conflict`: you already have a key for that provider, or the label's name is the server's.",
            422:
              "`invalid_key`: the provider refused the key (its reason follows); `unsafe_url`: the base URL resolves " +
              "to a loopback, private, link-local, CGNAT, multicast or metadata address.",
          },
        }),
      },
    },
  },
  "/api/keys/{id}": {
    delete: {
      tags: ["keys"],
      summary: "Delete a provider key",
      requestParams: { path: idParams("key") },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/tokens": {
    get: {
      tags: ["keys"],
      summary: "Your personal API tokens",
      responses: {
        "200": jsonResponse("Your tokens, newest first.", apiTokensResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
    post: {
      tags: ["keys"],
      summary: "Create a personal API token",
      description:
        "The secret (`slip_…`) is in this response only; it is stored as a hash. Send it as `Authorization: Bearer` " +
        "on `/api`, SSE, the WebSocket and `/v1`.",
      requestBody: { required: true, content: jsonContent(createApiTokenBodySchema) },
      responses: {
        "201": jsonResponse("The token and its secret.", createApiTokenResponseSchema),
        ...errorResponses({ causes: ["body", "session"] }),
      },
    },
  },
  "/api/tokens/{id}": {
    delete: {
      tags: ["keys"],
      summary: "Revoke a personal API token",
      description: "Streams and sockets open with it close (WebSocket code 4401).",
      requestParams: { path: idParams("token") },
      responses: {
        "204": { description: "Revoked." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/usage": {
    get: {
      tags: ["keys"],
      summary: "Your tokens and cost, in total, by model and by UTC day",
      description:
        "`from` and `to` are dates or timestamps; a date alone is that whole day. Default: the last 30 days.",
      requestParams: { query: usageQuerySchema },
      responses: {
        "200": jsonResponse("Your usage.", usageResponseSchema),
        ...errorResponses({ causes: ["params", "session"] }),
      },
    },
  },
};
