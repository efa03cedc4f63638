import type { Kysely } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import type { Database } from "../database.ts";
import { initialMigration } from "./0001-initial.ts";
import { sweepIndexMigration } from "./0002-sweep-index.ts";
import { rolesPartsVersionsMigration } from "./0003-roles-parts-versions.ts";
import { conversationEventsMigration } from "./0004-conversation-events.ts";
import { jobsMigration } from "./0005-jobs.ts";
import { keysTokensMigration } from "./0006-keys-tokens.ts";
import { usageSettingsMigration } from "./0007-usage-settings.ts";
import { userIdentitiesMigration } from "./0011-user-identities.ts";
import { conversationMembersMigration } from "./0014-conversation-members.ts";
import { searchMigration } from "./0015-search.ts";
import { conversationSharesMigration } from "./0016-conversation-shares.ts";

/** Applied in key order; the keys are recorded in `kysely_migration`, so never rename a shipped one. */
export const migrations: Record<string, Migration> = {
  "0001_initial": initialMigration,
  "0002_sweep_index": sweepIndexMigration,
  "0003_roles_parts_versions": rolesPartsVersionsMigration,
  "0004_conversation_events": conversationEventsMigration,
  "0005_jobs": jobsMigration,
  "0006_keys_tokens": keysTokensMigration,
  "0007_usage_settings": usageSettingsMigration,
  "0011_user_identities": userIdentitiesMigration,
  "0014_conversation_members": conversationMembersMigration,
  "0015_search": searchMigration,
  "0016_conversation_shares": conversationSharesMigration,
};

/**
 * Applies pending migrations (up to and including `upTo`, when given: tests of upgrades start there). On Postgres the Migrator holds an advisory lock while it runs, so
 * several processes may start at once against the same database.
 */
export async function migrateToLatest({ db, upTo }: { db: Kysely<Database>; upTo?: string }): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await (upTo ? migrator.migrateTo(upTo) : migrator.migrateToLatest());
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error")?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`Database migration ${failed ?? "setup"} failed: ${reason}`, { cause: error });
}
