import type { Kysely } from "kysely";
import type { Database } from "./database.ts";
import type { ConversationMembersRepository } from "./types.ts";

export function createConversationMembersRepository({ db }: { db: Kysely<Database> }): ConversationMembersRepository {
  return {
    async upsertMember(member) {
      return db
        .insertInto("conversationMembers")
        .values(member)
        .onConflict((oc) => oc.columns(["conversationId", "userId"]).doUpdateSet({ role: member.role }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findMember: ({ conversationId, userId }) =>
      db
        .selectFrom("conversationMembers")
        .selectAll()
        .where("conversationId", "=", conversationId)
        .where("userId", "=", userId)
        .executeTakeFirst(),

    listMembers: ({ conversationId }) =>
      db
        .selectFrom("conversationMembers")
        .innerJoin("users", "users.id", "conversationMembers.userId")
        .selectAll("conversationMembers")
        .select(["users.email", "users.name"])
        .where("conversationMembers.conversationId", "=", conversationId)
        .orderBy("conversationMembers.createdAt")
        .orderBy("conversationMembers.userId")
        .execute(),

    async removeMember({ conversationId, userId }) {
      const result = await db
        .deleteFrom("conversationMembers")
        .where("conversationId", "=", conversationId)
        .where("userId", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
