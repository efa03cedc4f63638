import { z } from "zod";
import { badRequest } from "../errors.ts";

const cursorSchema = z.object({ updatedAt: z.iso.datetime(), id: z.string().min(1).max(100) });
type Cursor = z.infer<typeof cursorSchema>;

/** Where a page of the conversation list ended: opaque to clients, so that its form may change. */
export function writeCursor({ updatedAt, id }: Cursor): string {
  return Buffer.from(JSON.stringify({ updatedAt, id })).toString("base64url");
}

export function readCursor(cursor: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw badRequest("The cursor is not one this server gave; start from the first page.", "invalid_request");
  }
}
