import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";
import { conversationRoleSchema } from "./members.ts";

/**
 * A space groups people and conversations: its members reach every conversation in it by their space role (owner,
 * editor, viewer), as conversation members do. Its members are managed as a conversation's are
 * (`/api/spaces/:id/members`, with the same bodies and `Member` entries).
 */
export const spaceSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The caller's role in it. */
  role: conversationRoleSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Space = z.infer<typeof spaceSchema>;

const spaceNameSchema = z.string().trim().min(1).max(100);

export const createSpaceBodySchema = z.object({ name: spaceNameSchema });
export type CreateSpaceBody = z.infer<typeof createSpaceBodySchema>;

export const updateSpaceBodySchema = z.object({ name: spaceNameSchema });
export type UpdateSpaceBody = z.infer<typeof updateSpaceBodySchema>;

export const spaceResponseSchema = z.object({ space: spaceSchema });
export type SpaceResponse = z.infer<typeof spaceResponseSchema>;
/** The spaces the caller owns or is a member of, oldest first. */
export const spacesResponseSchema = z.object({ spaces: z.array(spaceSchema) });
export type SpacesResponse = z.infer<typeof spacesResponseSchema>;
