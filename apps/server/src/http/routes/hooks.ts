import { idSchema, TRIGGER_BODY_MAX_BYTES } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { acceptRawBodies, rawBody } from "./raw-body.ts";

const hookParamsSchema = z.object({ triggerId: idSchema });

/** Webhook triggers: called by other services, authenticated by their Standard Webhooks signature, not a session. */
export async function registerHookRoutes(app: FastifyInstance, { triggerIntake }: HttpContext) {
  await app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.post("/hooks/:triggerId", async (request, reply) => {
      const { triggerId } = parseInput(hookParamsSchema, request.params);
      const body = rawBody(request.body, TRIGGER_BODY_MAX_BYTES);
      const { runId } = await triggerIntake.accept({ triggerId, body, headers: request.headers });
      return reply.status(202).send({ runId });
    });
  });
}
