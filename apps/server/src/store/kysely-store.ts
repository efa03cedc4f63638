import { type Kysely, sql } from "kysely";
import { createConversationEventsRepository } from "./conversation-events.repository.ts";
import { createConversationsRepository } from "./conversations.repository.ts";
import type { Database } from "./database.ts";
import { createMessagesRepository } from "./messages.repository.ts";
import { createSessionsRepository } from "./sessions.repository.ts";
import type { Repositories, Store } from "./types.ts";
import { createUserIdentitiesRepository } from "./user-identities.repository.ts";
import { createUsersRepository } from "./users.repository.ts";

/** Assembles a Store over an opened and migrated Kysely instance; `close` destroys that instance. */
export function createKyselyStore({ kind, db }: { kind: Store["kind"]; db: Kysely<Database> }): Store {
  return {
    ...createRepositories({ kind, db }),
    handle: db,
    transaction: (work) =>
      db.transaction().execute((trx) => work({ ...createRepositories({ kind, db: trx }), handle: trx })),
    async ping() {
      await sql`select 1`.execute(db);
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
    identities: createUserIdentitiesRepository({ db }),
  };
}
