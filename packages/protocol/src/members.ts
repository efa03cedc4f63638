import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

/** What someone is to a conversation: its owner manages it, editors also send, viewers read and watch. */
export const conversationRoleSchema = z.enum(["owner", "editor", "viewer"]);
export type ConversationRole = z.infer<typeof conversationRoleSchema>;

/**
 * The strongest of the roles someone holds in a conversation (as its owner, as a member, through its space), or
 * undefined when they hold none.
 */
export function strongestRole(roles: readonly (ConversationRole | undefined)[]): ConversationRole | undefined {
  return conversationRoleSchema.options.find((role) => roles.includes(role));
}
/** The roles an owner gives; there is one owner, the conversation's creator. */
export const memberRoleSchema = z.enum(["editor", "viewer"]);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const memberSchema = z.object({
  userId: idSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: conversationRoleSchema,
  /** When they were added; the owner's is the conversation's creation. */
  createdAt: timestampSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const addMemberBodySchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  role: memberRoleSchema,
});
export type AddMemberBody = z.infer<typeof addMemberBodySchema>;

export const updateMemberBodySchema = z.object({ role: memberRoleSchema });
export type UpdateMemberBody = z.infer<typeof updateMemberBodySchema>;

export const memberResponseSchema = z.object({ member: memberSchema });
/** The owner first, then the members in the order they were added. */
export const membersResponseSchema = z.object({ members: z.array(memberSchema) });
