import {
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  SESSION_COOKIE,
  sessionResponseSchema,
} from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { errorResponses, jsonContent, jsonResponse } from "./responses.ts";

const setsSessionCookie = (description: string): ZodOpenApiResponseObject => ({
  ...jsonResponse(description, sessionResponseSchema),
  headers: z.object({
    "set-cookie": z.string().meta({
      description: `The \`${SESSION_COOKIE}\` session cookie: \`HttpOnly\`, \`SameSite=Lax\`, \`Secure\` behind HTTPS.`,
    }),
  }),
});

export const authPaths: ZodOpenApiPathsObject = {
  "/api/auth/register": {
    post: {
      tags: ["auth"],
      summary: "Create an account and sign in",
      security: [],
      requestBody: { required: true, content: jsonContent(registerBodySchema) },
      responses: {
        "201": setsSessionCookie("The new user, signed in."),
        ...errorResponses({ causes: ["body"], more: { 409: "`email_taken`: an account with this email exists." } }),
      },
    },
  },
  "/api/auth/login": {
    post: {
      tags: ["auth"],
      summary: "Sign in",
      security: [],
      requestBody: { required: true, content: jsonContent(loginBodySchema) },
      responses: {
        "200": setsSessionCookie("The user, signed in."),
        ...errorResponses({
          causes: ["body"],
          more: {
            401: "`invalid_credentials`: the email or the password is wrong.",
            429: "`rate_limited`: too many failed sign-ins for this account or address; `Retry-After` says when to retry.",
          },
        }),
      },
    },
  },
  "/api/auth/logout": {
    post: {
      tags: ["auth"],
      summary: "Sign out: end this session and clear its cookie",
      security: [],
      responses: { "204": { description: "Signed out (also when there was no session)." } },
    },
  },
  "/api/auth/session": {
    get: {
      tags: ["auth"],
      summary: "The signed-in user",
      responses: {
        "200": jsonResponse("The user of this session.", sessionResponseSchema),
        ...errorResponses({ causes: ["session"] }),
      },
    },
  },
  "/api/auth/password": {
    post: {
      tags: ["auth"],
      summary: "Change the password",
      description:
        "Revokes every session of the account (their open WebSockets close with code 4401) and issues a fresh cookie.",
      requestBody: { required: true, content: jsonContent(changePasswordBodySchema) },
      responses: {
        "200": setsSessionCookie("The user, with a new session."),
        ...errorResponses({
          causes: ["body", "session"],
          more: { 403: "`invalid_credentials`: the current password is wrong." },
        }),
      },
    },
  },
};
