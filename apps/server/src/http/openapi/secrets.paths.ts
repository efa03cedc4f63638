import {
  putSecretBodySchema,
  secretNameSchema,
  userSecretResponseSchema,
  userSecretsResponseSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const nameParams = z.object({
  name: secretNameSchema.meta({ description: "The secret's name, as `{{user.secret.NAME}}` names it." }),
});

export const secretPaths: ZodOpenApiPathsObject = {
  "/api/secrets": {
    get: {
      tags: ["keys"],
      summary: "Your named secrets (hints only, never the values)",
      responses: {
        "200": jsonResponse("Your secrets, by name.", userSecretsResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
  },
  "/api/secrets/{name}": {
    put: {
      tags: ["keys"],
      summary: "Set a named secret",
      description:
        "Sealed like provider keys (AES-256-GCM envelope bound to you and the name). MCP servers whose headers hold " +
        "`{{user.secret.NAME}}` get its value in your tool calls, and nobody else's. Setting it again replaces it.",
      requestParams: { path: nameParams },
      requestBody: { required: true, content: jsonContent(putSecretBodySchema) },
      responses: {
        "200": jsonResponse("The secret as stored.", userSecretResponseSchema),
        ...errorResponses({ causes: ["params", "body", "session"] }),
      },
    },
    delete: {
      tags: ["keys"],
      summary: "Delete a named secret",
      requestParams: { path: nameParams },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
};
