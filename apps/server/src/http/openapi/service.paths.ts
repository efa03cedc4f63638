import { healthResponseSchema } from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonResponse } from "./responses.ts";

/** What `GET /api/openapi.json` answers, described loosely: the document itself is the full description. */
const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ id: "OpenApiDocument" });

export const servicePaths: ZodOpenApiPathsObject = {
  "/healthz": {
    get: {
      tags: ["service"],
      summary: "Liveness: the process answers",
      security: [],
      responses: { "200": jsonResponse("Alive.", healthResponseSchema) },
    },
  },
  "/readyz": {
    get: {
      tags: ["service"],
      summary: "Readiness: the store, and Redis when set, answer",
      description: "For a load balancer: an instance answering 503 should get no traffic.",
      security: [],
      responses: {
        "200": jsonResponse("Ready.", healthResponseSchema),
        ...errorResponses({
          causes: [],
          more: {
            503: "`not_ready`: a dependency is not answering; the message says which when it knows (the database is not answering, the server's disk is full).",
          },
        }),
      },
    },
  },
  "/metrics": {
    get: {
      tags: ["service"],
      summary: "Prometheus metrics",
      description:
        "WebSocket connections, running generations, stream events sent and resumes by transport, time to first " +
        "token and generation duration, provider errors by provider, Redis errors, HTTP latency by route, tokens by " +
        "model, and the process metrics. For a scraper on the private network; with METRICS_TOKEN set, only for " +
        "`Authorization: Bearer <METRICS_TOKEN>`.",
      security: [],
      responses: {
        "200": { description: "Prometheus text exposition.", content: { "text/plain": { schema: z.string() } } },
        ...errorResponses({ causes: [], more: { 401: "`unauthorized`: METRICS_TOKEN is set and was not sent." } }),
      },
    },
  },
  "/api/openapi.json": {
    get: {
      tags: ["service"],
      summary: "This document",
      security: [],
      responses: { "200": jsonResponse("The OpenAPI 3.1 description of this API.", openApiDocumentSchema) },
    },
  },
  "/ws": {
    get: {
      tags: ["realtime"],
      summary: "The WebSocket",
      description:
        "Upgrade with the session cookie (or `Authorization: Bearer <JWT>` when AUTH_JWT_ISSUER is set) and an `Origin` of the server's own origin (or one of `CORS_ORIGINS`). " +
        "Frames are JSON objects with a `type`: the client sends `ClientFrame`s, the server `ServerFrame`s. A frame " +
        "that does not parse or validate is answered with an `error` frame, and the connection stays up.",
      responses: {
        "101": { description: "Switching to the WebSocket protocol." },
        "401": { description: "No valid session cookie or bearer JWT: the upgrade is refused." },
        "403": { description: "The `Origin` is not allowed: the upgrade is refused." },
      },
      "x-client-frames": { $ref: "#/components/schemas/ClientFrame" },
      "x-server-frames": { $ref: "#/components/schemas/ServerFrame" },
    },
  },
};

/** Schemas described by this document that no HTTP body carries: the WebSocket's frames. */
