import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { presentConversation } from "../../chat/presenters.ts";
import type { ShareRecord } from "../../store/index.ts";
import type { HttpContext } from "../context.ts";
import { renderSharePage, SHARE_PAGE_CONTENT_SECURITY_POLICY } from "../share-page.ts";
import { parseInput } from "../validate.ts";
import { conversationParamsSchema } from "./conversations.ts";

const shareParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Share links: the owner makes and revokes them; anyone holding one reads the copy, as JSON or as a page. */
export function registerShareRoutes(app: FastifyInstance, { shares, principals, publicUrl }: HttpContext) {
  const present = (request: FastifyRequest, { id, createdAt }: ShareRecord) => ({
    id,
    url: new URL(`/s/${id}`, publicUrl ?? `${request.protocol}://${request.host}`).toString(),
    createdAt,
  });

  app.post("/api/conversations/:id/shares", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const share = await shares.createShare({ principal, conversationId: id });
    return reply.status(201).send({ share: present(request, share) });
  });

  app.get("/api/conversations/:id/shares", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const list = await shares.listShares({ principal, conversationId: id });
    return { shares: list.map((share) => present(request, share)) };
  });

  app.delete("/api/shares/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(shareParamsSchema, request.params);
    await shares.revokeShare({ principal, id });
    return reply.status(204).send();
  });

  app.get("/api/shares/:id", async (request, reply) => {
    const { id } = parseInput(shareParamsSchema, request.params);
    const shared = await shares.readShare({ id });
    return reply.header("cache-control", "no-store").send(shared);
  });

  app.post("/api/shares/:id/copy", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(shareParamsSchema, request.params);
    const conversation = await shares.copyShare({ principal, id });
    return reply.status(201).send({ conversation: presentConversation(conversation) });
  });

  app.get("/s/:id", async (request, reply) => {
    const { id } = parseInput(shareParamsSchema, request.params);
    const shared = await shares.readShare({ id });
    // A disabled account or a bad cookie reads the page as anyone would.
    const signedIn = (await principals.find(request).catch(() => undefined)) !== undefined;
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("content-security-policy", SHARE_PAGE_CONTENT_SECURITY_POLICY)
      .header("referrer-policy", "no-referrer")
      .send(renderSharePage(shared, { signedIn }));
  });
}
