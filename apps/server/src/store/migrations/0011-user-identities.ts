import type { Migration } from "kysely/migration";

/** Accounts at identity providers (OIDC sign-in, bearer JWTs), each tied to one user by issuer and subject. */
export const userIdentitiesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("user_identities")
      .addColumn("issuer", "text", (col) => col.notNull())
      .addColumn("subject", "text", (col) => col.notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("user_identities_primary_key", ["issuer", "subject"])
      .execute();
    await db.schema.createIndex("user_identities_user_id_index").on("user_identities").column("user_id").execute();
  },
  async down(db) {
    await db.schema.dropTable("user_identities").execute();
  },
};
