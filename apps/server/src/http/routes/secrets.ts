import { putSecretBodySchema, secretNameSchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentUserSecret } from "../../secrets/user-secrets.service.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const nameParamsSchema = z.object({ name: secretNameSchema });

/** A user's named secrets, for `{{user.secret.NAME}}` in MCP server headers; values are never read back. */
export function registerSecretRoutes(app: FastifyInstance, { principals, userSecrets }: HttpContext) {
  app.get("/api/secrets", async (request) => {
    const principal = await principals.require(request);
    return { secrets: (await userSecrets.listSecrets({ principal })).map(presentUserSecret) };
  });

  app.put("/api/secrets/:name", async (request) => {
    const principal = await principals.require(request);
    const { name } = parseInput(nameParamsSchema, request.params);
    const { value } = parseInput(putSecretBodySchema, request.body);
    return { secret: presentUserSecret(await userSecrets.putSecret({ principal, name, value })) };
  });

  app.delete("/api/secrets/:name", async (request, reply) => {
    const principal = await principals.require(request);
    const { name } = parseInput(nameParamsSchema, request.params);
    await userSecrets.deleteSecret({ principal, name });
    return reply.status(204).send();
  });
}
