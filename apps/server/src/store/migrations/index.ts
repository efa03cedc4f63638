import type { Kysely } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import type { Database } from "../database.ts";
import { initialMigration } from "./0001-initial.ts";
import { sweepIndexMigration } from "./0002-sweep-index.ts";
import { rolesPartsVersionsMigration } from "./0003-roles-parts-versions.ts";
import { conversationEventsMigration } from "./0004-conversation-events.ts";
import { jobsMigration } from "./0005-jobs.ts";
import { userIdentitiesMigration } from "./0011-user-identities.ts";
import { conversationToolsMigration } from "./0012-conversation-tools.ts";
import { keysTokensMigration } from "./0013-keys-tokens.ts";
import { usageSettingsMigration } from "./0014-usage-settings.ts";
import { filesMigration } from "./0015-files.ts";
import { userSecretsMigration } from "./0016-user-secrets.ts";
import { triggersMigration } from "./0017-triggers.ts";
import { webhooksMigration } from "./0018-webhooks.ts";
import { slackMigration } from "./0019-slack.ts";
import { conversationMembersMigration } from "./0020-conversation-members.ts";
import { searchMigration } from "./0021-search.ts";
import { conversationSharesMigration } from "./0022-conversation-shares.ts";
import { importsMigration } from "./0026-imports.ts";
import { spacesMigration } from "./0027-spaces.ts";
import { searchFinishedMessagesMigration } from "./0028-search-finished-messages.ts";

/**
 * Applied in key order; the keys are recorded in `kysely_migration`, so never rename a shipped one, and a new one
 * sorts after every shipped one (a database that ran a later key refuses to run an earlier one).
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": initialMigration,
  "0002_sweep_index": sweepIndexMigration,
  "0003_roles_parts_versions": rolesPartsVersionsMigration,
  "0004_conversation_events": conversationEventsMigration,
  "0005_jobs": jobsMigration,
  "0011_user_identities": userIdentitiesMigration,
  "0012_conversation_tools": conversationToolsMigration,
  "0013_keys_tokens": keysTokensMigration,
  "0014_usage_settings": usageSettingsMigration,
  "0015_files": filesMigration,
  "0016_user_secrets": userSecretsMigration,
  "0017_triggers": triggersMigration,
  "0018_webhooks": webhooksMigration,
  "0019_slack": slackMigration,
  "0020_conversation_members": conversationMembersMigration,
  "0021_search": searchMigration,
  "0022_conversation_shares": conversationSharesMigration,
  "0026_imports": importsMigration,
  "0027_spaces": spacesMigration,
  "0028_search_finished_messages": searchFinishedMessagesMigration,
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
