import type { Kysely } from "kysely";
import type { Database } from "./database.ts";
import type { UserIdentitiesRepository } from "./types.ts";

export function createUserIdentitiesRepository({ db }: { db: Kysely<Database> }): UserIdentitiesRepository {
  const findIdentity: UserIdentitiesRepository["findIdentity"] = ({ issuer, subject }) =>
    db
      .selectFrom("userIdentities")
      .selectAll()
      .where("issuer", "=", issuer)
      .where("subject", "=", subject)
      .executeTakeFirst();

  return {
    findIdentity,
    async linkIdentity(identity) {
      await db
        .insertInto("userIdentities")
        .values(identity)
        .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
        .execute();
      const row = await findIdentity(identity);
      if (!row) throw new Error("an identity just linked could not be read back");
      return row;
    },
  };
}
