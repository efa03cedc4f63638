import {
  addMemberBodySchema,
  createSpaceBodySchema,
  idSchema,
  updateMemberBodySchema,
  updateSpaceBodySchema,
} from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentSpace } from "../../chat/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const spaceParamsSchema = z.object({ id: idSchema });
const spaceMemberParamsSchema = z.object({ id: idSchema, userId: idSchema });

/** Spaces and their members: the owner manages both, anyone in the space reads them (and may leave). */
export function registerSpaceRoutes(app: FastifyInstance, { spaces, principals }: HttpContext) {
  app.get("/api/spaces", async (request) => {
    const principal = await principals.require(request);
    return { spaces: (await spaces.listSpaces({ principal })).map(presentSpace) };
  });

  app.post("/api/spaces", async (request, reply) => {
    const principal = await principals.require(request);
    const { name } = parseInput(createSpaceBodySchema, request.body);
    return reply.status(201).send({ space: presentSpace(await spaces.createSpace({ principal, name })) });
  });

  app.get("/api/spaces/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(spaceParamsSchema, request.params);
    return { space: presentSpace(await spaces.getSpace({ principal, spaceId: id })) };
  });

  app.patch("/api/spaces/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(spaceParamsSchema, request.params);
    const { name } = parseInput(updateSpaceBodySchema, request.body);
    return { space: presentSpace(await spaces.renameSpace({ principal, spaceId: id, name })) };
  });

  app.delete("/api/spaces/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(spaceParamsSchema, request.params);
    await spaces.deleteSpace({ principal, spaceId: id });
    return reply.status(204).send();
  });

  app.get("/api/spaces/:id/members", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(spaceParamsSchema, request.params);
    return { members: await spaces.listMembers({ principal, spaceId: id }) };
  });

  app.post("/api/spaces/:id/members", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(spaceParamsSchema, request.params);
    const body = parseInput(addMemberBodySchema, request.body);
    return reply.status(201).send({ member: await spaces.addMember({ ...body, principal, spaceId: id }) });
  });

  app.patch("/api/spaces/:id/members/:userId", async (request) => {
    const principal = await principals.require(request);
    const { id, userId } = parseInput(spaceMemberParamsSchema, request.params);
    const { role } = parseInput(updateMemberBodySchema, request.body);
    return { member: await spaces.updateMember({ principal, spaceId: id, userId, role }) };
  });

  app.delete("/api/spaces/:id/members/:userId", async (request, reply) => {
    const principal = await principals.require(request);
    const { id, userId } = parseInput(spaceMemberParamsSchema, request.params);
    await spaces.removeMember({ principal, spaceId: id, userId });
    return reply.status(204).send();
  });
}
