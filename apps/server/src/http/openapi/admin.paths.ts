import {
  adminCreateUserBodySchema,
  adminMcpResponseSchema,
  adminModelResponseSchema,
  adminModelsResponseSchema,
  adminUpdateModelBodySchema,
  adminUpdateUserBodySchema,
  adminUserResponseSchema,
  adminUsersResponseSchema,
  createProviderConnectionBodySchema,
  idSchema,
  providerConnectionResponseSchema,
  providerConnectionsResponseSchema,
  usageQuerySchema,
  usageResponseSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const userPathParams = z.object({ id: idSchema.meta({ description: "The account's id." }) });

export const adminPaths: ZodOpenApiPathsObject = {
  "/api/admin/users": {
    get: {
      tags: ["admin"],
      summary: "Every account, oldest first, with its limits and its usage of the last 30 days",
      responses: {
        "200": jsonResponse("The accounts.", adminUsersResponseSchema),
        ...errorResponses({ causes: ["session", "admin"] }),
      },
    },
    post: {
      tags: ["admin"],
      summary: "Add a password account, whether or not registration is open",
      requestBody: { required: true, content: jsonContent(adminCreateUserBodySchema) },
      responses: {
        "201": jsonResponse("The new account.", adminUserResponseSchema),
        ...errorResponses({
          causes: ["session", "admin", "body"],
          more: { 409: "`email_taken`: an account with this email exists." },
        }),
      },
    },
  },
  "/api/admin/users/{id}": {
    patch: {
      tags: ["admin"],
      summary: "Change an account's role or limits, or disable or enable it",
      description:
        "A disabled account gets 403 `account_disabled` on every path, and its open sockets close with 4403. " +
        "An administrator cannot change their own role or disable themselves. A limit set to null goes back to the " +
        "server's default.",
      requestParams: { path: userPathParams },
      requestBody: { content: jsonContent(adminUpdateUserBodySchema) },
      responses: {
        "200": jsonResponse("The account as changed.", adminUserResponseSchema),
        ...errorResponses({
          causes: ["body", "params", "session", "admin", "notFound"],
          more: { 400: "Changing your own role or disabling yourself is refused." },
        }),
      },
    },
  },
  "/api/admin/mcp": {
    get: {
      tags: ["admin"],
      summary: "The MCP servers of MCP_CONFIG: state, error and tools",
      description:
        "`connecting` until a server first answers; `error` (with why) while it is down or too slow, when its tools " +
        "are skipped and a retry is scheduled. `config.error` says what is wrong with the file, if anything.",
      responses: {
        "200": jsonResponse("The servers.", adminMcpResponseSchema),
        ...errorResponses({ causes: ["session", "admin"] }),
      },
    },
  },
  "/api/admin/usage": {
    get: {
      tags: ["admin"],
      summary: "Everyone's tokens and cost, in total, by model and by UTC day",
      requestParams: { query: usageQuerySchema },
      responses: {
        "200": jsonResponse("Usage across users.", usageResponseSchema),
        ...errorResponses({ causes: ["params", "session", "admin"] }),
      },
    },
  },
  "/api/admin/models": {
    get: {
      tags: ["admin"],
      summary: "Every model of the server and its connections, and who is offered it",
      responses: {
        "200": jsonResponse("The models.", adminModelsResponseSchema),
        ...errorResponses({ causes: ["session", "admin"] }),
      },
    },
  },
  "/api/admin/models/{id}": {
    put: {
      tags: ["admin"],
      summary: "Offer a model to everyone, to some roles, or to nobody",
      description: "The id holds a slash: send it encoded (`openai%2Fgpt-4.1-mini`). `roles` null: every role.",
      requestParams: { path: z.object({ id: z.string().meta({ description: "The model id, URL-encoded." }) }) },
      requestBody: { required: true, content: jsonContent(adminUpdateModelBodySchema) },
      responses: {
        "200": jsonResponse("The model's rule.", adminModelResponseSchema),
        ...errorResponses({ causes: ["body", "params", "session", "admin"] }),
      },
    },
  },
  "/api/admin/providers": {
    get: {
      tags: ["admin"],
      summary: "Provider connections added at run time",
      responses: {
        "200": jsonResponse("The connections.", providerConnectionsResponseSchema),
        ...errorResponses({ causes: ["session", "admin"] }),
      },
    },
    post: {
      tags: ["admin"],
      summary: "Connect an OpenAI-compatible server, Mistral, DeepSeek or Vercel v0",
      description:
        "Its key is checked with the provider (but v0's) and sealed like users' keys; its base URL is checked like theirs.",
      requestBody: { required: true, content: jsonContent(createProviderConnectionBodySchema) },
      responses: {
        "201": jsonResponse("The connection.", providerConnectionResponseSchema),
        ...errorResponses({
          causes: ["body", "session", "admin"],
          more: { 409: "`conflict`: the name is taken.", 422: "`invalid_key` or `unsafe_url`." },
        }),
      },
    },
  },
  "/api/admin/providers/{id}": {
    delete: {
      tags: ["admin"],
      summary: "Remove a provider connection",
      requestParams: { path: z.object({ id: idSchema.meta({ description: "The connection's id." }) }) },
      responses: {
        "204": { description: "Removed." },
        ...errorResponses({ causes: ["params", "session", "admin", "notFound"] }),
      },
    },
  },
};
