import { errorBodySchema, idSchema } from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiContentObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from "zod-openapi";

/** The `:id` path parameter of one kind of object. */
export const idParams = (what: string) => z.object({ id: idSchema.meta({ description: `The ${what}'s id.` }) });

export const jsonContent = (schema: z.ZodType): ZodOpenApiContentObject => ({ "application/json": { schema } });

/** A response with a JSON body. */
export const jsonResponse = (description: string, schema: z.ZodType): ZodOpenApiResponseObject => ({
  description,
  content: jsonContent(schema),
});

/** Every operation with a body or a session reads or writes the database. */
const STORE_AWAY = [
  503,
  "`unavailable`: the database is not answering, or the server's disk is full; try again.",
] as const;

/** The refusals an operation can answer with, each `{"error":{"code","message"}}`, by what causes them. */
const ERRORS = {
  body: [
    [400, "`invalid_request`: a field does not fit (the message names it); `invalid_json`; `json_too_deep`."],
    [413, "`payload_too_large`: the body is larger than the 1 MiB the server takes."],
    [415, "`unsupported_media_type`: the body is not `application/json`."],
    STORE_AWAY,
  ],
  params: [[400, "`invalid_request`: a path or query parameter does not fit."]],
  session: [
    [401, "`unauthorized`: no valid session cookie."],
    [403, "`account_disabled`: an administrator disabled the account."],
    STORE_AWAY,
  ],
  admin: [[403, "`forbidden`: only administrators may do this."]],
  role: [[403, "`forbidden`: your role in the conversation (viewer, editor) does not allow this."]],
  notFound: [[404, "`not_found`: no such object, or it belongs to another user."]],
  unavailable: [[503, "`unavailable`: the stream log is not answering; try again."]],
} as const satisfies Record<string, readonly (readonly [number, string])[]>;

export type ErrorCause = keyof typeof ERRORS;

/**
 * The error responses for the given causes, plus any given by status; causes that share a status share one
 * response whose description lists each.
 */
export function errorResponses({
  causes,
  more = {},
}: {
  causes: ErrorCause[];
  more?: Record<number, string>;
}): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, string[]>();
  const add = (status: number, text: string) => {
    const texts = byStatus.get(status) ?? [];
    if (!texts.includes(text)) byStatus.set(status, [...texts, text]);
  };
  for (const cause of causes) for (const [status, text] of ERRORS[cause]) add(status, text);
  for (const [status, text] of Object.entries(more)) add(Number(status), text);
  return Object.fromEntries(
    [...byStatus].map(([status, texts]) => [String(status), jsonResponse(texts.join(" "), errorBodySchema)]),
  );
}
