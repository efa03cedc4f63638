import { changePasswordBodySchema, loginBodySchema, registerBodySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { presentUser } from "../../auth/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

export function registerAuthRoutes(app: FastifyInstance, { auth, sessions }: HttpContext) {
  app.post("/api/auth/register", async (request, reply) => {
    const issued = await auth.register(parseInput(registerBodySchema, request.body));
    sessions.set(request, reply, issued);
    return reply.status(201).send({ user: presentUser(issued.user) });
  });

  app.post("/api/auth/login", async (request, reply) => {
    const issued = await auth.login({ ...parseInput(loginBodySchema, request.body), ip: request.ip });
    sessions.set(request, reply, issued);
    return { user: presentUser(issued.user) };
  });

  app.post("/api/auth/logout", async (request, reply) => {
    const authenticated = await sessions.find(request);
    if (authenticated) await auth.logout({ sessionId: authenticated.session.id });
    sessions.clear(request, reply);
    return reply.status(204).send();
  });

  app.get("/api/auth/session", async (request) => {
    const { user } = await sessions.require(request);
    return { user: presentUser(user) };
  });

  app.post("/api/auth/password", async (request, reply) => {
    const { user } = await sessions.require(request);
    const issued = await auth.changePassword({ ...parseInput(changePasswordBodySchema, request.body), user });
    sessions.set(request, reply, issued);
    return { user: presentUser(issued.user) };
  });
}
