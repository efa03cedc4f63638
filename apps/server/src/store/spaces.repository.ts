import type { Kysely } from "kysely";
import type { Database } from "./database.ts";
import type { SpacesRepository } from "./types.ts";

export function createSpacesRepository({ db }: { db: Kysely<Database> }): SpacesRepository {
  return {
    createSpace: (space) => db.insertInto("spaces").values(space).returningAll().executeTakeFirstOrThrow(),

    findSpaceById: ({ id }) => db.selectFrom("spaces").selectAll().where("id", "=", id).executeTakeFirst(),

    async listSpacesOfUser({ userId }) {
      const rows = await db
        .selectFrom("spaces")
        .leftJoin("spaceMembers", (join) =>
          join.onRef("spaceMembers.spaceId", "=", "spaces.id").on("spaceMembers.userId", "=", userId),
        )
        .selectAll("spaces")
        .select("spaceMembers.role as memberRole")
        .where((eb) => eb.or([eb("spaces.userId", "=", userId), eb("spaceMembers.userId", "=", userId)]))
        .orderBy("spaces.createdAt")
        .orderBy("spaces.id")
        .execute();
      return rows.map(({ memberRole, ...space }) => ({
        ...space,
        role: space.userId === userId ? "owner" : (memberRole ?? "viewer"),
      }));
    },

    updateSpace: ({ id, patch }) =>
      db.updateTable("spaces").set(patch).where("id", "=", id).returningAll().executeTakeFirst(),

    async deleteSpace({ id }) {
      const result = await db.deleteFrom("spaces").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listSpaceConversationIds({ spaceId }) {
      const rows = await db
        .selectFrom("conversations")
        .select("id")
        .where("spaceId", "=", spaceId)
        .orderBy("createdAt")
        .orderBy("id")
        .execute();
      return rows.map((row) => row.id);
    },

    upsertSpaceMember: (member) =>
      db
        .insertInto("spaceMembers")
        .values(member)
        .onConflict((oc) => oc.columns(["spaceId", "userId"]).doUpdateSet({ role: member.role }))
        .returningAll()
        .executeTakeFirstOrThrow(),

    findSpaceMember: ({ spaceId, userId }) =>
      db
        .selectFrom("spaceMembers")
        .selectAll()
        .where("spaceId", "=", spaceId)
        .where("userId", "=", userId)
        .executeTakeFirst(),

    listSpaceMembers: ({ spaceId }) =>
      db
        .selectFrom("spaceMembers")
        .innerJoin("users", "users.id", "spaceMembers.userId")
        .selectAll("spaceMembers")
        .select(["users.email", "users.name"])
        .where("spaceMembers.spaceId", "=", spaceId)
        .orderBy("spaceMembers.createdAt")
        .orderBy("spaceMembers.userId")
        .execute(),

    async removeSpaceMember({ spaceId, userId }) {
      const result = await db
        .deleteFrom("spaceMembers")
        .where("spaceId", "=", spaceId)
        .where("userId", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
