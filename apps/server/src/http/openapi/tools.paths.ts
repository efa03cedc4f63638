import { toolsResponseSchema } from "@slipstream/protocol";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonResponse } from "./responses.ts";

export const toolPaths: ZodOpenApiPathsObject = {
  "/api/tools": {
    get: {
      tags: ["tools"],
      summary: "Every tool a conversation may enable",
      description:
        "Built-in tools (`run_code`), MCP servers' and plugins' tools, as they are now. A conversation's `tools` " +
        "lists the ids of those it enabled (`PATCH /api/conversations/:id {tools}`); its turns may call them.",
      responses: {
        "200": jsonResponse("The tools.", toolsResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
  },
};
