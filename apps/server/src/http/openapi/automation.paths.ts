import {
  createTriggerBodySchema,
  createTriggerResponseSchema,
  createWebhookBodySchema,
  createWebhookResponseSchema,
  hookAcceptedResponseSchema,
  idSchema,
  triggerResponseSchema,
  triggerRunsResponseSchema,
  triggersResponseSchema,
  updateTriggerBodySchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryResponseSchema,
  webhooksResponseSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const idParams = (what: string) => z.object({ id: idSchema.meta({ description: `The ${what}'s id.` }) });
const UNSAFE_URL =
  "`unsafe_url`: the URL resolves to a loopback, private, link-local, CGNAT, multicast or metadata address.";

const triggerPaths: ZodOpenApiPathsObject = {
  "/api/triggers": {
    get: {
      tags: ["automation"],
      summary: "Your triggers, newest first",
      responses: {
        "200": jsonResponse("Your triggers.", triggersResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
    post: {
      tags: ["automation"],
      summary: "Create a webhook, schedule or poll trigger",
      description:
        "Each run sends `prompt` into `conversationId` (or a new conversation) as you, under your keys and limits. " +
        "`{{body}}` / `{{body.some.path}}` are filled from a webhook's JSON, `{{content}}` from a poll. A webhook " +
        "trigger's `secret` (`whsec_…`) is in this response only. `schedule` is a 5-field cron in `timezone` " +
        "(default UTC): each tick runs once across every instance, and of ticks missed while no worker ran, the " +
        "newest runs once. A poll fetches `url` every `intervalSeconds` (at least 30) and runs when the content " +
        "changed since the previous fetch.",
      requestBody: { required: true, content: jsonContent(createTriggerBodySchema) },
      responses: {
        "201": jsonResponse("The trigger, with its secret for a webhook trigger.", createTriggerResponseSchema),
        ...errorResponses({
          causes: ["body", "session"],
          more: { 400: "An invalid cron or timezone; `model_not_found`.", 404: "`not_found`: the conversation." },
        }),
      },
    },
  },
  "/api/triggers/{id}": {
    get: {
      tags: ["automation"],
      summary: "A trigger",
      requestParams: { path: idParams("trigger") },
      responses: {
        "200": jsonResponse("The trigger.", triggerResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
    patch: {
      tags: ["automation"],
      summary: "Change a trigger, or pause (`status: paused`) and resume it",
      description: "A paused trigger refuses webhook calls (409) and skips its ticks; resumed, it ticks from now on.",
      requestParams: { path: idParams("trigger") },
      requestBody: { required: true, content: jsonContent(updateTriggerBodySchema) },
      responses: {
        "200": jsonResponse("The trigger as changed.", triggerResponseSchema),
        ...errorResponses({ causes: ["params", "body", "session", "notFound"] }),
      },
    },
    delete: {
      tags: ["automation"],
      summary: "Delete a trigger and its runs (their conversations stay)",
      requestParams: { path: idParams("trigger") },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/triggers/{id}/runs": {
    get: {
      tags: ["automation"],
      summary: "A trigger's latest 50 runs, newest first",
      requestParams: { path: idParams("trigger") },
      responses: {
        "200": jsonResponse("The runs, with their conversation and reply.", triggerRunsResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/hooks/{triggerId}": {
    post: {
      tags: ["automation"],
      summary: "Call a webhook trigger (signed the Standard Webhooks way)",
      description:
        "Needs no session: `webhook-id`, `webhook-timestamp` (Unix seconds, within 5 minutes) and " +
        '`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" under the secret>`. Any body up to 64 KiB; ' +
        "JSON fills `{{body…}}`. A repeated `webhook-id` answers 202 with the first run's id and starts nothing.",
      security: [],
      requestParams: { path: z.object({ triggerId: idSchema.meta({ description: "The trigger's id." }) }) },
      responses: {
        "202": jsonResponse("The run is queued.", hookAcceptedResponseSchema),
        401: { description: "`invalid_signature`: missing, wrong or older than 5 minutes." },
        404: { description: "`not_found`: no such webhook trigger." },
        409: { description: "`conflict`: the trigger is paused." },
        413: { description: "`payload_too_large`: the body is larger than 64 KiB." },
      },
    },
  },
};

const webhookPaths: ZodOpenApiPathsObject = {
  "/api/webhooks": {
    get: {
      tags: ["automation"],
      summary: "Your outbound webhooks",
      responses: {
        "200": jsonResponse("Your webhooks, oldest first.", webhooksResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
    post: {
      tags: ["automation"],
      summary: "Subscribe a URL to events",
      description:
        "Each event is POSTed as `{type, timestamp, data}`, signed the Standard Webhooks way with the `secret` " +
        "(in this response only; `webhook-id` is the delivery's id, the same on every retry). A webhook's " +
        "deliveries go out in order, one at a time; a failed one is retried with a doubling wait (at most an hour " +
        "apart) for 24 hours, holding back the ones after it. Deliveries never go to private addresses.",
      requestBody: { required: true, content: jsonContent(createWebhookBodySchema) },
      responses: {
        "201": jsonResponse("The webhook and its signing secret.", createWebhookResponseSchema),
        ...errorResponses({ causes: ["body", "session"], more: { 422: UNSAFE_URL } }),
      },
    },
  },
  "/api/webhooks/{id}": {
    delete: {
      tags: ["automation"],
      summary: "Delete a webhook and its deliveries",
      requestParams: { path: idParams("webhook") },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/webhooks/{id}/deliveries": {
    get: {
      tags: ["automation"],
      summary: "A webhook's latest 100 deliveries, newest first",
      requestParams: { path: idParams("webhook") },
      responses: {
        "200": jsonResponse("The deliveries.", webhookDeliveriesResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/webhooks/{id}/deliveries/{deliveryId}/retry": {
    post: {
      tags: ["automation"],
      summary: "Send one delivery again now",
      requestParams: {
        path: z.object({
          id: idSchema.meta({ description: "The webhook's id." }),
          deliveryId: idSchema.meta({ description: "The delivery's id." }),
        }),
      },
      responses: {
        "202": jsonResponse("The delivery, pending again.", webhookDeliveryResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
};

export const automationPaths: ZodOpenApiPathsObject = { ...triggerPaths, ...webhookPaths };
