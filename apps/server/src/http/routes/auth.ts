import {
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  updateProfileBodySchema,
} from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { presentUser } from "../../identity/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

export function registerAuthRoutes(app: FastifyInstance, { accounts, principals, sessions }: HttpContext) {
  app.post("/api/auth/register", async (request, reply) => {
    const issued = await accounts.register({ ...parseInput(registerBodySchema, request.body), ip: request.ip });
    sessions.set(request, reply, issued);
    return reply.status(201).send({ user: presentUser(issued.user) });
  });

  app.post("/api/auth/login", async (request, reply) => {
    const issued = await accounts.login({ ...parseInput(loginBodySchema, request.body), ip: request.ip });
    sessions.set(request, reply, issued);
    return { user: presentUser(issued.user) };
  });

  app.post("/api/auth/logout", async (request, reply) => {
    const sessionId = (await principals.find(request))?.principal.sessionId;
    if (sessionId) await accounts.logout({ sessionId });
    sessions.clear(request, reply);
    return reply.status(204).send();
  });

  app.get("/api/auth/session", async (request) => {
    const principal = await principals.require(request);
    return { user: presentUser(await accounts.getUser(principal)) };
  });

  app.patch("/api/auth/session", async (request) => {
    const principal = await principals.require(request);
    const { name } = parseInput(updateProfileBodySchema, request.body);
    return { user: presentUser(await accounts.updateProfile({ principal, name })) };
  });

  /** Signs out every session of the account, this browser's too. */
  app.post("/api/auth/logout-all", async (request, reply) => {
    const principal = await principals.require(request);
    await accounts.logoutEverywhere({ principal });
    sessions.clear(request, reply);
    return reply.status(204).send();
  });

  app.post("/api/auth/password", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(changePasswordBodySchema, request.body);
    const issued = await accounts.changePassword({ ...body, principal, ip: request.ip });
    sessions.set(request, reply, issued);
    return { user: presentUser(issued.user) };
  });
}
