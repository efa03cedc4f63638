import { idSchema, TRIGGER_BODY_MAX_BYTES } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";
import { acceptRawBodies, rawBody } from "./raw-body.ts";

const hookParamsSchema = z.object({ triggerId: idSchema });

/**
 * Called by other services, authenticated by their signatures rather than a session: webhook triggers (Standard
 * Webhooks) and the Slack app's Events API (Slack's v0 signature).
 */
export async function registerHookRoutes(app: FastifyInstance, { triggerIntake, slackEvents }: HttpContext) {
  await app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.post("/hooks/:triggerId", async (request, reply) => {
      const { triggerId } = parseInput(hookParamsSchema, request.params);
      const body = rawBody(request.body, TRIGGER_BODY_MAX_BYTES);
      const { runId } = await triggerIntake.accept({ triggerId, body, headers: request.headers });
      return reply.status(202).send({ runId });
    });

    scope.post("/integrations/slack/events", async (request) => {
      if (!slackEvents) throw notFound("The Slack app (SLACK_SIGNING_SECRET is not set)");
      const { challenge } = await slackEvents.receive({ body: rawBody(request.body), headers: request.headers });
      return challenge === undefined ? { ok: true } : { challenge };
    });
  });
}
