import type { FastifyInstance } from "fastify";

type OpenApiDocument = ReturnType<typeof import("./document.ts").createOpenApiDocument>;

/**
 * `GET /api/openapi.json`: public, like the shape of the API itself. The generator is loaded and run on the first
 * request, then the document is kept: it costs a server start nothing.
 */
export function registerOpenApiRoute(app: FastifyInstance) {
  let document: Promise<OpenApiDocument> | undefined;
  app.get("/api/openapi.json", async () => {
    document ??= import("./document.ts").then(({ createOpenApiDocument }) => createOpenApiDocument());
    return document;
  });
}
