import {
  createApiTokenBodySchema,
  createProviderKeyBodySchema,
  idSchema,
  usageQuerySchema,
} from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentApiToken } from "../../identity/api-tokens.ts";
import { presentProviderKey } from "../../providers/provider-keys.service.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const idParamsSchema = z.object({ id: idSchema });

/** A user's own provider keys, personal API tokens and usage. */
export function registerKeyRoutes(app: FastifyInstance, { principals, providerKeys, apiTokens, usage }: HttpContext) {
  app.get("/api/keys", async (request) => {
    const principal = await principals.require(request);
    return { keys: (await providerKeys.listKeys({ principal })).map(presentProviderKey) };
  });

  app.post("/api/keys", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createProviderKeyBodySchema, request.body);
    const key = await providerKeys.addKey({ ...body, principal });
    return reply.status(201).send({ key: presentProviderKey(key) });
  });

  app.delete("/api/keys/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    await providerKeys.deleteKey({ principal, id });
    return reply.status(204).send();
  });

  app.get("/api/tokens", async (request) => {
    const principal = await principals.require(request);
    return { tokens: (await apiTokens.listTokens({ principal })).map(presentApiToken) };
  });

  app.post("/api/tokens", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createApiTokenBodySchema, request.body);
    const { token, secret } = await apiTokens.createToken({ ...body, principal });
    return reply
      .status(201)
      .header("cache-control", "no-store")
      .send({ token: presentApiToken(token), secret });
  });

  app.delete("/api/tokens/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    await apiTokens.revokeToken({ principal, id });
    return reply.status(204).send();
  });

  app.get("/api/usage", async (request) => {
    const principal = await principals.require(request);
    return { usage: await usage.report({ ...parseInput(usageQuerySchema, request.query), principal }) };
  });
}
