import { type Kysely, sql } from "kysely";
import { createApiTokensRepository } from "./api-tokens.repository.ts";
import { createConversationEventsRepository } from "./conversation-events.repository.ts";
import { createConversationMembersRepository } from "./conversation-members.repository.ts";
import { createConversationSharesRepository } from "./conversation-shares.repository.ts";
import { createConversationsRepository } from "./conversations.repository.ts";
import type { Database } from "./database.ts";
import { createFilesRepository } from "./files.repository.ts";
import { createImportsRepository } from "./imports.repository.ts";
import { createMessagesRepository } from "./messages.repository.ts";
import { createProviderConnectionsRepository, createProviderKeysRepository } from "./provider-keys.repository.ts";
import { createPostgresSearchRepository } from "./search-postgres.repository.ts";
import { createSqliteSearchRepository } from "./search-sqlite.repository.ts";
import { createSessionsRepository } from "./sessions.repository.ts";
import { createSlackRepository } from "./slack.repository.ts";
import { createSpacesRepository } from "./spaces.repository.ts";
import { createTriggerRunsRepository, createTriggersRepository } from "./triggers.repository.ts";
import type { Repositories, Store } from "./types.ts";
import { databaseUnavailable } from "./unavailable.ts";
import { createModelAccessRepository, createUsageRepository, createUserLimitsRepository } from "./usage.repository.ts";
import { createUserIdentitiesRepository } from "./user-identities.repository.ts";
import { createUserSecretsRepository } from "./user-secrets.repository.ts";
import { createUsersRepository } from "./users.repository.ts";
import { createWebhooksRepository } from "./webhooks.repository.ts";

/** A readiness check, and a final write waiting for the store, must learn of an outage quickly, not at a pool timeout. */
export const PING_TIMEOUT_MS = 1_000;

/**
 * Assembles a Store over an opened and migrated Kysely instance; `close` destroys that instance. `checkRoom`
 * (SQLite) is part of `ping`: it rejects when the database has no room left for writes.
 */
export function createKyselyStore({
  kind,
  db,
  checkRoom,
}: {
  kind: Store["kind"];
  db: Kysely<Database>;
  checkRoom?: () => Promise<void>;
}): Store {
  return {
    ...createRepositories({ kind, db }),
    handle: db,
    transaction: (work) =>
      db.transaction().execute((trx) => work({ ...createRepositories({ kind, db: trx }), handle: trx })),
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(databaseUnavailable(new Error(`no answer within ${PING_TIMEOUT_MS} ms`))),
          PING_TIMEOUT_MS,
        );
      });
      const answer = async () => {
        await sql`select 1`.execute(db);
        await checkRoom?.();
      };
      try {
        await Promise.race([answer(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => db.destroy(),
  };
}

function createRepositories({ kind, db }: { kind: Store["kind"]; db: Kysely<Database> }): Repositories {
  return {
    kind,
    users: createUsersRepository({ db }),
    sessions: createSessionsRepository({ db }),
    conversations: createConversationsRepository({ db }),
    messages: createMessagesRepository({ db }),
    events: createConversationEventsRepository({ db }),
    members: createConversationMembersRepository({ db }),
    shares: createConversationSharesRepository({ db }),
    spaces: createSpacesRepository({ db }),
    imports: createImportsRepository({ db }),
    search: kind === "postgres" ? createPostgresSearchRepository({ db }) : createSqliteSearchRepository({ db }),
    identities: createUserIdentitiesRepository({ db }),
    providerKeys: createProviderKeysRepository({ db }),
    providerConnections: createProviderConnectionsRepository({ db }),
    apiTokens: createApiTokensRepository({ db }),
    usage: createUsageRepository({ db }),
    modelAccess: createModelAccessRepository({ db }),
    userLimits: createUserLimitsRepository({ db }),
    triggers: createTriggersRepository({ db }),
    triggerRuns: createTriggerRunsRepository({ db }),
    webhooks: createWebhooksRepository({ db }),
    slack: createSlackRepository({ db }),
    files: createFilesRepository({ db }),
    userSecrets: createUserSecretsRepository({ db }),
  };
}
