import {
  authProvidersResponseSchema,
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  SESSION_COOKIE,
  sessionResponseSchema,
  updateProfileBodySchema,
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
      description:
        "An email that already has an account gets the same 201 as a fresh one, so that registration does not tell " +
        "who has an account; but nobody is signed in (the next request is a 401) and the existing account is " +
        "untouched. With ALLOW_SIGNUP=false, registration answers 403 `forbidden` (but for ADMIN_EMAILS).",
      security: [],
      requestBody: { required: true, content: jsonContent(registerBodySchema) },
      responses: {
        "201": setsSessionCookie("The new user, signed in."),
        ...errorResponses({ causes: ["body"], more: { 403: "`forbidden`: registration is closed (ALLOW_SIGNUP)." } }),
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
    patch: {
      tags: ["auth"],
      summary: "Change your own name",
      requestBody: { required: true, content: jsonContent(updateProfileBodySchema) },
      responses: {
        "200": jsonResponse("The user as changed.", sessionResponseSchema),
        ...errorResponses({ causes: ["body", "session"] }),
      },
    },
  },
  "/api/auth/logout-all": {
    post: {
      tags: ["auth"],
      summary: "Sign out of every session of the account, this one included",
      description: "Open WebSockets of those sessions close with code 4401. API tokens stay valid: revoke them apart.",
      responses: { "204": { description: "Signed out everywhere." }, ...errorResponses({ causes: ["session"] }) },
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
  "/api/auth/providers": {
    get: {
      tags: ["auth"],
      summary: "The ways to sign in, for the sign-in screen's buttons",
      security: [],
      responses: {
        "200": jsonResponse("The password form, and single sign-on when configured.", authProvidersResponseSchema),
      },
    },
  },
  "/api/auth/oidc/login": {
    get: {
      tags: ["auth"],
      summary: "Start single sign-on (only with OIDC_ISSUER)",
      description:
        "Redirects to the identity provider with an authorization code request (PKCE S256, state, nonce), and keeps " +
        "the flow in a sealed `slipstream_oidc` cookie for ten minutes.",
      security: [],
      responses: {
        "302": { description: "To the identity provider's authorization endpoint." },
        "503": { description: "`unavailable`: the identity provider's discovery document could not be fetched." },
      },
    },
  },
  "/api/auth/oidc/callback": {
    get: {
      tags: ["auth"],
      summary: "Finish single sign-on (the identity provider redirects here)",
      description:
        "Exchanges the code, verifies the ID token (signature, issuer, audience, expiry, nonce), links the account " +
        "by verified email or creates one, sets the session cookie and redirects to `/`. A refused sign-in redirects " +
        "to `/?sign_in_error=sign_in_failed` (or `account_disabled`) and sets no session.",
      security: [],
      responses: { "302": { description: "To `/`, signed in, or with `sign_in_error`." } },
    },
  },
};
