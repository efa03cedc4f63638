import { pluginsResponseSchema, toolsResponseSchema } from "@slipstream/protocol";
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
  "/api/plugins": {
    get: {
      tags: ["tools"],
      summary: "The plugins of PLUGINS_DIR: version, commit, status, error and tools",
      description:
        "Each plugin runs in a worker thread of its own. `status` is `error` (with why) when it failed to load, " +
        "threw at load, ran past PLUGIN_CALL_TIMEOUT_MS or out of PLUGIN_MEMORY_MB; it offers no tools until a new " +
        "commit touches it.",
      responses: {
        "200": jsonResponse("The plugins.", pluginsResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
  },
};
