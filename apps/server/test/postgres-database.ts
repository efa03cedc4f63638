import { randomUUID } from "node:crypto";
import pg from "pg";

const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Test support: creates a fresh, randomly named database on the server of `TEST_DATABASE_URL`,
 * so test files and runs never share state. Returns `{ skip }` with a reason when the server is
 * unreachable, or throws when `REQUIRE_SERVICES=1` demands it.
 *
 * @example
 * const database = await createTestPostgresDatabase();
 * if ("skip" in database) describe.skip(`postgres: ${database.skip}`, () => {});
 */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | { skip: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `cannot connect to ${redactPassword(adminUrl)} (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.REQUIRE_SERVICES === "1") {
      throw new Error(`Postgres is required (REQUIRE_SERVICES=1) but ${reason}.`, { cause: error });
    }
    return { skip: reason };
  }

  const name = `slipstream_test_${randomUUID().replaceAll("-", "")}`;
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // FORCE ends connections a failed test may have leaked, so the drop cannot hang.
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function redactPassword(connectionString: string): string {
  const url = new URL(connectionString);
  if (url.password !== "") url.password = "***";
  return url.toString();
}
