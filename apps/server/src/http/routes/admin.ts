import { adminUpdateUserBodySchema, idSchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentUser } from "../../identity/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const userParamsSchema = z.object({ id: idSchema });

export function registerAdminRoutes(app: FastifyInstance, { users, principals }: HttpContext) {
  app.get("/api/admin/users", async (request) => {
    const principal = await principals.require(request);
    return { users: (await users.listUsers({ principal })).map(presentUser) };
  });

  app.patch("/api/admin/users/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(userParamsSchema, request.params);
    const body = parseInput(adminUpdateUserBodySchema, request.body);
    return { user: presentUser(await users.updateUser({ ...body, principal, id })) };
  });
}
