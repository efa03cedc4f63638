import type { Readable } from "node:stream";
import { createUploadBodySchema, idSchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { contentDisposition, presentFile } from "../../files/file.service.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { parseByteRange } from "./byte-range.ts";

const idParamsSchema = z.object({ id: idSchema });
const signedQuerySchema = z.object({ expires: z.coerce.number().int(), signature: z.string().min(1).max(200) });

/** Uploads (ask for a URL, send the bytes, complete) and files (read, delete). */
export async function registerFileRoutes(app: FastifyInstance, { principals, files }: HttpContext) {
  app.post("/api/uploads", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createUploadBodySchema, request.body);
    return reply.status(201).send({ upload: await files.createUpload({ ...body, principal }) });
  });

  // The body is the file itself, of any type, streamed to storage: a scope of its own keeps that parser here.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    scope.put("/api/uploads/:id/content", async (request, reply) => {
      const { id } = parseInput(idParamsSchema, request.params);
      const query = parseInput(signedQuerySchema, request.query);
      await files.receiveUpload({ id, ...query, body: (request.body ?? request.raw) as Readable });
      return reply.status(204).send();
    });
  });

  app.post("/api/uploads/:id/complete", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    return reply.status(201).send({ file: presentFile(await files.completeUpload({ principal, id })) });
  });

  app.get("/api/files/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    const opened = await files.openFile({
      principal,
      id,
      rangeOf: (size) => parseByteRange(request.headers.range, size),
    });
    reply.header("cache-control", "private, max-age=300").header("x-content-type-options", "nosniff");
    if ("redirect" in opened && opened.redirect) {
      return reply.header("cache-control", "no-store").redirect(opened.redirect, 302);
    }
    const { file, body, range } = opened;
    reply
      .type(file.contentType)
      .header("content-disposition", contentDisposition(file))
      // Even a file opened inline runs nothing and loads nothing.
      .header("content-security-policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header("accept-ranges", "bytes");
    if (!range) return reply.header("content-length", file.size).send(body);
    return reply
      .status(206)
      .header("content-range", `bytes ${range.start}-${range.end}/${file.size}`)
      .header("content-length", range.end - range.start + 1)
      .send(body);
  });

  app.delete("/api/files/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    await files.deleteFile({ principal, id });
    return reply.status(204).send();
  });
}
