import { createTriggerBodySchema, idSchema, updateTriggerBodySchema } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { presentRun, presentTrigger } from "../../automation/presenters.ts";
import type { HttpContext } from "../context.ts";
import { parseInput } from "../validate.ts";

const idParamsSchema = z.object({ id: idSchema });

/** A user's triggers and their runs. */
export function registerTriggerRoutes(app: FastifyInstance, { principals, triggers }: HttpContext) {
  app.get("/api/triggers", async (request) => {
    const principal = await principals.require(request);
    return { triggers: (await triggers.listTriggers({ principal })).map(presentTrigger) };
  });

  app.post("/api/triggers", async (request, reply) => {
    const principal = await principals.require(request);
    const body = parseInput(createTriggerBodySchema, request.body);
    const { trigger, secret } = await triggers.createTrigger({ ...body, principal });
    return reply
      .status(201)
      .header("cache-control", "no-store")
      .send({ trigger: presentTrigger(trigger), ...(secret ? { secret } : {}) });
  });

  app.get("/api/triggers/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    return { trigger: presentTrigger(await triggers.getTrigger({ principal, id })) };
  });

  app.patch("/api/triggers/:id", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    const patch = parseInput(updateTriggerBodySchema, request.body);
    return { trigger: presentTrigger(await triggers.updateTrigger({ principal, id, patch })) };
  });

  app.delete("/api/triggers/:id", async (request, reply) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    await triggers.deleteTrigger({ principal, id });
    return reply.status(204).send();
  });

  app.get("/api/triggers/:id/runs", async (request) => {
    const principal = await principals.require(request);
    const { id } = parseInput(idParamsSchema, request.params);
    return { runs: (await triggers.listRuns({ principal, id })).map(presentRun) };
  });
}
