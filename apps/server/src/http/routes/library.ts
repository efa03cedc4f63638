import { exportQuerySchema, searchQuerySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { conversationParamsSchema } from "./conversations.ts";

/** A safe file name for a download, from a conversation's title. */
const fileName = (title: string, extension: string) =>
  `${
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .slice(0, 80) || "conversation"
  }.${extension}`;

/** A user's history as a whole: export it, search it. */
export function registerLibraryRoutes(app: FastifyInstance, { exports, search, principals }: HttpContext) {
  app.get("/api/export", async (request, reply) => {
    const principal = await principals.require(request);
    return reply
      .header("content-disposition", 'attachment; filename="slipstream-export.json"')
      .send(await exports.exportAll({ principal }));
  });

  app.get("/api/conversations/:id/export", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const { format } = parseInput(exportQuerySchema, request.query);
    const exported = await exports.exportConversation({ principal, conversationId: id, format });
    const disposition = (extension: string) =>
      `attachment; filename*=UTF-8''${encodeURIComponent(fileName(exported.title, extension))}`;
    if (exported.format === "markdown") {
      return reply
        .type("text/markdown; charset=utf-8")
        .header("content-disposition", disposition("md"))
        .send(exported.body);
    }
    return reply.header("content-disposition", disposition("json")).send(exported.body);
  });

  app.get("/api/search", async (request) => {
    const principal = await principals.require(request);
    const { q, limit } = parseInput(searchQuerySchema, request.query);
    return { results: await search.search({ principal, query: q, limit }) };
  });
}
