import type { Config } from "../config.ts";
import type { Store } from "./types.ts";

export type * from "./types.ts";
export { isStoreUnavailable } from "./unavailable.ts";

/** Opens the configured database and applies pending migrations. The Postgres adapter is loaded only when used. */
export async function openStore(
  config: Config["db"],
  { onConnectionError }: { onConnectionError?: (error: Error) => void } = {},
): Promise<Store> {
  if (config.kind === "postgres") {
    const { openPostgresStore } = await import("./postgres.ts");
    const { withCaFile } = await import("./postgres-tls.ts");
    return openPostgresStore({
      url: withCaFile({ url: config.url, caFile: config.caFile }),
      pool: config.pool,
      onConnectionError,
    });
  }
  const { openSqliteStore } = await import("./sqlite.ts");
  return openSqliteStore({ path: config.path });
}
