import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "./database.ts";
import { createKyselyStore, PING_TIMEOUT_MS } from "./kysely-store.ts";
import { DATABASE_UNAVAILABLE } from "./unavailable.ts";

/** A database that takes connections and never answers them: a full pool, or a server that hangs. */
function silentDatabase(): Kysely<Database> {
  const silent: DatabaseConnection = {
    executeQuery: () => new Promise(() => {}),
    streamQuery: () => {
      throw new Error("not used");
    },
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => silent,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the store's ping", () => {
  it("fails with DomainError unavailable within a second when the database does not answer", async () => {
    vi.useFakeTimers();
    const store = createKyselyStore({ kind: "postgres", db: silentDatabase() });
    const ping = store.ping();
    const settled = vi.fn();
    ping.then(settled, settled);
    await vi.advanceTimersByTimeAsync(PING_TIMEOUT_MS - 1);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(ping).rejects.toMatchObject({ code: "unavailable", message: DATABASE_UNAVAILABLE });
    expect(PING_TIMEOUT_MS).toBeLessThanOrEqual(1_000);
  });
});
