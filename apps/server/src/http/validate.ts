import type { z } from "zod";
import { badRequest } from "../errors.ts";

/** Parses input with a protocol schema, or fails with 400 and a message naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  throw badRequest(`Invalid request: ${details}`, "invalid_request");
}
