import { type DomainError, isDomainError, serviceUnavailable } from "../errors.ts";

export const DATABASE_UNAVAILABLE = "The database is not answering right now; try again shortly.";
export const DISK_FULL = "The server's disk is full, so nothing new can be saved; try again once space is freed.";

/** The store's adapters raise this for a database that is away (down, restarting, unreachable). */
export const databaseUnavailable = (cause: unknown): DomainError => serviceUnavailable(DATABASE_UNAVAILABLE, cause);

/** The store's adapters raise this when the database has no room left for a write. */
export const diskFull = (cause: unknown): DomainError => serviceUnavailable(DISK_FULL, cause);

/**
 * Whether `error` says the store itself cannot take writes for now (an outage or a full disk), rather than that
 * the write was wrong: the same write may succeed once the store is back.
 */
export function isStoreUnavailable(error: unknown): boolean {
  return isDomainError(error) && error.code === "unavailable";
}
