import { chatGptExportSchema, exportSchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { badRequest } from "../../errors.ts";
import type { ImportSource } from "../../imports/import.service.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const importParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Tells the two formats apart by their shape, then checks the one it is; anything else is a 400 that says what to send. */
function readImportSource(body: unknown): ImportSource {
  let source: ImportSource;
  if (Array.isArray(body)) source = { format: "chatgpt", body: parseInput(chatGptExportSchema, body) };
  else if ((body as { format?: unknown } | undefined)?.format === "slipstream.export") {
    source = { format: "slipstream", body: parseInput(exportSchema, body) };
  } else {
    throw badRequest(
      "Send a Slipstream export (from GET /api/export) or ChatGPT's conversations.json.",
      "invalid_request",
    );
  }
  const count = source.format === "chatgpt" ? source.body.length : source.body.conversations.length;
  if (count === 0) throw badRequest("The file holds no conversations to import.", "invalid_request");
  return source;
}

/** Imports of other histories: start one, follow its progress. */
export function registerImportRoutes(app: FastifyInstance, { imports, principals, importMaxBytes }: HttpContext) {
  app.post(
    "/api/import",
    // Signed in before a body this big is read at all.
    { bodyLimit: importMaxBytes, onRequest: async (request) => void (await principals.require(request)) },
    async (request, reply) => {
      const principal = await principals.require(request);
      const source = readImportSource(request.body);
      return reply.status(202).send({ import: await imports.startImport({ principal, source }) });
    },
  );

  app.get("/api/imports/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(importParamsSchema, request.params);
    return { import: await imports.getImport({ principal, id }) };
  });
}
