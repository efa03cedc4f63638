import {
  adminUpdateUserBodySchema,
  adminUserResponseSchema,
  adminUsersResponseSchema,
  idSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const userPathParams = z.object({ id: idSchema.meta({ description: "The account's id." }) });

export const adminPaths: ZodOpenApiPathsObject = {
  "/api/admin/users": {
    get: {
      tags: ["admin"],
      summary: "Every account, oldest first",
      responses: {
        "200": jsonResponse("The accounts.", adminUsersResponseSchema),
        ...errorResponses({ causes: ["session", "admin"] }),
      },
    },
  },
  "/api/admin/users/{id}": {
    patch: {
      tags: ["admin"],
      summary: "Change an account's role, or disable or enable it",
      description:
        "A disabled account gets 403 `account_disabled` on every path, and its open sockets close with 4403. " +
        "An administrator cannot change their own role or disable themselves.",
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
};
