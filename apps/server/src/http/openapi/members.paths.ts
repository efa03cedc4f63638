import {
  addMemberBodySchema,
  conversationSnapshotSchema,
  eventsQuerySchema,
  eventsResponseSchema,
  idSchema,
  memberResponseSchema,
  membersResponseSchema,
  updateMemberBodySchema,
} from "@slipstream/protocol";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { conversationPathParams } from "./conversations.paths.ts";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const memberPathParams = conversationPathParams.extend({
  userId: idSchema.meta({ description: "The member's user id." }),
});

export const memberPaths: ZodOpenApiPathsObject = {
  "/api/conversations/{id}/members": {
    get: {
      tags: ["sharing"],
      summary: "Who shares the conversation: the owner first, then editors and viewers",
      description: "Any member may read it.",
      requestParams: { path: conversationPathParams },
      responses: {
        "200": jsonResponse("The owner and the members.", membersResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
    post: {
      tags: ["sharing"],
      summary: "Give an existing account a role (owner only)",
      description:
        "Editors read, send, regenerate and cancel; viewers read and watch. Someone already a member gets the new role.",
      requestParams: { path: conversationPathParams },
      requestBody: { required: true, content: jsonContent(addMemberBodySchema) },
      responses: {
        "201": jsonResponse("The member.", memberResponseSchema),
        ...errorResponses({
          causes: ["body", "session", "role", "notFound"],
          more: { 409: "`conflict`: that email is the owner's." },
        }),
      },
    },
  },
  "/api/conversations/{id}/events": {
    get: {
      tags: ["sharing"],
      summary: "The conversation's exact history: its domain events after a version, in order, with no gap",
      description:
        "Every change (created, renamed, settings, message created or changed status, member added, changed or removed, deleted) has the conversation's next version, 1, 2, 3, …, written in the change's own transaction. Page with `after: nextAfter` while `hasMore`. The WebSocket `watch` with `after` sends the same events, then the live ones.",
      requestParams: { path: conversationPathParams, query: eventsQuerySchema },
      responses: {
        "200": jsonResponse("A page of events.", eventsResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/conversations/{id}/snapshot": {
    get: {
      tags: ["sharing"],
      summary: "The conversation whole, as of its version",
      description: "Load it, then watch with `after: version` to follow from there.",
      requestParams: { path: conversationPathParams },
      responses: {
        "200": jsonResponse("The snapshot.", conversationSnapshotSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
  "/api/conversations/{id}/members/{userId}": {
    patch: {
      tags: ["sharing"],
      summary: "Change a member's role (owner only)",
      requestParams: { path: memberPathParams },
      requestBody: { required: true, content: jsonContent(updateMemberBodySchema) },
      responses: {
        "200": jsonResponse("The member with the new role.", memberResponseSchema),
        ...errorResponses({ causes: ["body", "session", "role", "notFound"] }),
      },
    },
    delete: {
      tags: ["sharing"],
      summary: "Remove a member (owner), or leave (your own user id)",
      description: "A removed member's open watches get `removed` at once and nothing after. The owner cannot leave.",
      requestParams: { path: memberPathParams },
      responses: {
        "204": { description: "Removed." },
        ...errorResponses({
          causes: ["params", "session", "role", "notFound"],
          more: { 400: "`bad_request`: the owner cannot leave." },
        }),
      },
    },
  },
};
