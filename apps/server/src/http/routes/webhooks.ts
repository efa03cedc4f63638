import { createWebhookBodySchema, idSchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentDelivery, presentWebhook } from "../../automation/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const idParamsSchema = z.object({ id: idSchema });
const deliveryParamsSchema = z.object({ id: idSchema, deliveryId: idSchema });

/** A user's outbound webhooks and their deliveries. */
export function registerWebhookRoutes(app: FastifyInstance, { principals, webhooks }: HttpContext) {
  app.get("/api/webhooks", async (request) => {
    const principal = await principals.require(request);
    return { webhooks: (await webhooks.listWebhooks({ principal })).map(presentWebhook) };
  });

  app.post("/api/webhooks", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createWebhookBodySchema, request.body);
    const { webhook, secret } = await webhooks.createWebhook({ ...body, principal });
    return reply
      .status(201)
      .header("cache-control", "no-store")
      .send({ webhook: presentWebhook(webhook), secret });
  });

  app.delete("/api/webhooks/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    await webhooks.deleteWebhook({ principal, id });
    return reply.status(204).send();
  });

  app.get("/api/webhooks/:id/deliveries", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    return { deliveries: (await webhooks.listDeliveries({ principal, id })).map(presentDelivery) };
  });

  app.post("/api/webhooks/:id/deliveries/:deliveryId/retry", async (request, reply) => {
    const principal = await principals.require(request);
    const { id, deliveryId } = parseInput(deliveryParamsSchema, request.params);
    const delivery = await webhooks.retryDelivery({ principal, id, deliveryId });
    return reply.status(202).send({ delivery: presentDelivery(delivery) });
  });
}
