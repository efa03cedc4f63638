import { type Kysely, sql } from "kysely";
import { createConversationsRepository } from "./conversations.repository.ts";
import type { Database } from "./database.ts";
import type { Store } from "./index.ts";
import { createMessagesRepository } from "./messages.repository.ts";
import { createSessionsRepository } from "./sessions.repository.ts";
import { createUsersRepository } from "./users.repository.ts";

type Repositories = Omit<Store, "transaction" | "close" | "ping">;

/** Assembles a Store over an opened and migrated Kysely instance; `close` destroys that instance. */
export function createKyselyStore({ kind, db }: { kind: Store["kind"]; db: Kysely<Database> }): Store {
  return {
    ...createRepositories({ kind, db }),
    transaction: (work) => db.transaction().execute((trx) => work(createRepositories({ kind, db: trx }))),
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
  };
}
