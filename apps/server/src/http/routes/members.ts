import { addMemberBodySchema, idSchema, updateMemberBodySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { conversationParamsSchema } from "./conversations.ts";

const memberParamsSchema = z.object({ id: idSchema, userId: idSchema });

/** The members of a shared conversation: the owner manages them, any member reads the list or leaves. */
export function registerMemberRoutes(app: FastifyInstance, { members, principals }: HttpContext) {
  app.get("/api/conversations/:id/members", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    return { members: await members.listMembers({ principal, conversationId: id }) };
  });

  app.post("/api/conversations/:id/members", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(conversationParamsSchema, request.params);
    const body = parseInput(addMemberBodySchema, request.body);
    const member = await members.addMember({ ...body, principal, conversationId: id });
    return reply.status(201).send({ member });
  });

  app.patch("/api/conversations/:id/members/:userId", async (request) => {
    const principal = await principals.require(request);
    const { id, userId } = parseInput(memberParamsSchema, request.params);
    const { role } = parseInput(updateMemberBodySchema, request.body);
    return { member: await members.updateMember({ principal, conversationId: id, userId, role }) };
  });

  app.delete("/api/conversations/:id/members/:userId", async (request, reply) => {
    const principal = await principals.require(request);
    const { id, userId } = parseInput(memberParamsSchema, request.params);
    await members.removeMember({ principal, conversationId: id, userId });
    return reply.status(204).send();
  });
}
