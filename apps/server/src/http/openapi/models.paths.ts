import { modelsResponseSchema } from "@slipstream/protocol";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonResponse } from "./responses.ts";

export const modelPaths: ZodOpenApiPathsObject = {
  "/api/models": {
    get: {
      tags: ["models"],
      summary: "Every model this server can answer with",
      description:
        "Model ids are `provider/model`. Everything configured is listed, the offline `demo/echo` model last, " +
        "with each configured provider's reachability.",
      responses: {
        "200": jsonResponse("The models and their providers.", modelsResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
  },
};
