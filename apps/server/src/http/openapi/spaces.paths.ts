import {
  addMemberBodySchema,
  createSpaceBodySchema,
  idSchema,
  memberResponseSchema,
  membersResponseSchema,
  spaceResponseSchema,
  spacesResponseSchema,
  updateMemberBodySchema,
  updateSpaceBodySchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const spacePathParams = z.object({ id: idSchema.meta({ description: "The space's id." }) });
const spaceMemberPathParams = spacePathParams.extend({
  userId: idSchema.meta({ description: "The member's user id." }),
});

export const spacePaths: ZodOpenApiPathsObject = {
  "/api/spaces": {
    get: {
      tags: ["spaces"],
      summary: "The spaces you own or are a member of, oldest first, with your role in each",
      responses: {
        "200": jsonResponse("The spaces.", spacesResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
    post: {
      tags: ["spaces"],
      summary: "Make a space; you are its owner",
      description:
        "Its members reach every conversation in it by their space role: owners manage them, editors also send and start new ones (`POST /api/conversations {spaceId}`), viewers read and watch.",
      requestBody: { required: true, content: jsonContent(createSpaceBodySchema) },
      responses: {
        "201": jsonResponse("The space.", spaceResponseSchema),
        ...errorResponses({ causes: ["body", "session"] }),
      },
    },
  },
  "/api/spaces/{id}": {
    get: {
      tags: ["spaces"],
      summary: "One space, with your role in it",
      requestParams: { path: spacePathParams },
      responses: {
        "200": jsonResponse("The space.", spaceResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
    patch: {
      tags: ["spaces"],
      summary: "Rename a space (owner only)",
      description: "Recorded as a `space.renamed` event on each of its conversations.",
      requestParams: { path: spacePathParams },
      requestBody: { required: true, content: jsonContent(updateSpaceBodySchema) },
      responses: {
        "200": jsonResponse("The space as renamed.", spaceResponseSchema),
        ...errorResponses({ causes: ["body", "session", "role", "notFound"] }),
      },
    },
    delete: {
      tags: ["spaces"],
      summary: "Delete an empty space (owner only)",
      description:
        "Refused while it holds conversations: they may be other people's, and deleting a space never deletes their work. Move them out (`PATCH /api/conversations/:id {spaceId: null}`) or delete them first.",
      requestParams: { path: spacePathParams },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({
          causes: ["params", "session", "role", "notFound"],
          more: { 409: "`conflict`: the space still holds conversations." },
        }),
      },
    },
  },
  "/api/spaces/{id}/members": {
    get: {
      tags: ["spaces"],
      summary: "Who is in the space: the owner first, then editors and viewers",
      requestParams: { path: spacePathParams },
      responses: {
        "200": jsonResponse("The owner and the members.", membersResponseSchema),
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
    post: {
      tags: ["spaces"],
      summary: "Give an existing account a role in the space (owner only)",
      description: "Someone already a member gets the new role. Recorded as an event on each of its conversations.",
      requestParams: { path: spacePathParams },
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
  "/api/spaces/{id}/members/{userId}": {
    patch: {
      tags: ["spaces"],
      summary: "Change a space member's role (owner only)",
      requestParams: { path: spaceMemberPathParams },
      requestBody: { required: true, content: jsonContent(updateMemberBodySchema) },
      responses: {
        "200": jsonResponse("The member with the new role.", memberResponseSchema),
        ...errorResponses({ causes: ["body", "session", "role", "notFound"] }),
      },
    },
    delete: {
      tags: ["spaces"],
      summary: "Remove a space member (owner), or leave (your own user id)",
      description:
        "They lose the space's conversations at once (unless they hold a role in one by other means); their open watches of them get `removed`. The owner cannot leave.",
      requestParams: { path: spaceMemberPathParams },
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
