import { existsSync } from "node:fs";
import { backup, DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/**
 * `npm run backup -- <target.db>`: an online backup of the embedded SQLite database (DATA_DIR/slipstream.db, or
 * `--database`) while the server keeps running: SQLite's backup API copies a consistent snapshot page by page.
 */
export async function backupSqlite({ database, target }: { database: string; target: string }): Promise<number> {
  if (!existsSync(database)) throw new Error(`no database at ${database}`);
  if (existsSync(target)) throw new Error(`${target} exists; back up to a new file`);
  const source = new DatabaseSync(database, { readOnly: true });
  try {
    return await backup(source, target);
  } finally {
    source.close();
  }
}

// Run as a command (not imported by its test); import.meta.main needs Node 24.2, and engines allow 22.18.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { database: { type: "string" } },
  });
  const target = positionals[0];
  if (!target) {
    console.error("usage: npm run backup -- <target.db> [--database <DATA_DIR/slipstream.db>]");
    process.exit(2);
  }
  const database = values.database ?? `${process.env.DATA_DIR ?? "./data"}/slipstream.db`;
  const pages = await backupSqlite({ database, target });
  console.log(`backed up ${database} to ${target} (${pages} pages)`);
}
