import {
  adminCreateUserBodySchema,
  adminUpdateModelBodySchema,
  adminUpdateUserBodySchema,
  createProviderConnectionBodySchema,
  idSchema,
  modelIdSchema,
  usageQuerySchema,
} from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentAdminUser } from "../../identity/presenters.ts";
import { presentConnection } from "../../providers/provider-keys.service.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const userParamsSchema = z.object({ id: idSchema });
/** Model ids hold a slash: clients send it encoded (`openai%2Fgpt-4.1-mini`). */
const modelParamsSchema = z.object({ id: modelIdSchema });

export function registerAdminRoutes(
  app: FastifyInstance,
  { users, principals, modelAccess, providerKeys, usage, toolSources }: HttpContext,
) {
  app.get("/api/admin/users", async (request) => {
    const principal = await principals.require(request);
    return { users: (await users.listUsers({ principal })).map(presentAdminUser) };
  });

  app.post("/api/admin/users", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(adminCreateUserBodySchema, request.body);
    return reply.status(201).send({ user: presentAdminUser(await users.addUser({ ...body, principal })) });
  });

  app.patch("/api/admin/users/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(userParamsSchema, request.params);
    const body = parseInput(adminUpdateUserBodySchema, request.body);
    return { user: presentAdminUser(await users.updateUser({ ...body, principal, id })) };
  });

  app.get("/api/admin/mcp", async (request) => {
    const principal = await principals.require(request);
    return toolSources.describeMcp({ principal });
  });

  app.get("/api/admin/usage", async (request) => {
    const principal = await principals.require(request);
    return { usage: await usage.adminReport({ ...parseInput(usageQuerySchema, request.query), principal }) };
  });

  app.get("/api/admin/models", async (request) => {
    const principal = await principals.require(request);
    return { models: await modelAccess.listModels({ principal }) };
  });

  app.put("/api/admin/models/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(modelParamsSchema, request.params);
    const body = parseInput(adminUpdateModelBodySchema, request.body);
    return { model: await modelAccess.setModelAccess({ ...body, principal, id }) };
  });

  app.get("/api/admin/providers", async (request) => {
    const principal = await principals.require(request);
    return { connections: (await providerKeys.listConnections({ principal })).map(presentConnection) };
  });

  app.post("/api/admin/providers", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createProviderConnectionBodySchema, request.body);
    const connection = await providerKeys.addConnection({ ...body, principal });
    return reply.status(201).send({ connection: presentConnection(connection) });
  });

  app.delete("/api/admin/providers/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(userParamsSchema, request.params);
    await providerKeys.deleteConnection({ principal, id });
    return reply.status(204).send();
  });
}
