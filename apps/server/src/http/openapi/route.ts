import type { FastifyInstance } from "fastify";
import { createOpenApiDocument } from "./document.ts";

/** `GET /api/openapi.json`: public, like the API's shape itself. Built on first request, then kept. */
export function registerOpenApiRoute(app: FastifyInstance) {
  let document: ReturnType<typeof createOpenApiDocument> | undefined;
  app.get("/api/openapi.json", async () => {
    document ??= createOpenApiDocument();
    return document;
  });
}
