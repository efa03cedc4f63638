import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";

/**
 * Search over the titles and message text of the conversations the principal can read (owned or shared with them):
 * the store's full-text engine (FTS5 embedded, Postgres at scale) ranks the hits.
 */
export function createSearchService({ store }: { store: Pick<Store, "search"> }) {
  return {
    search: ({ principal, query, limit }: { principal: Principal; query: string; limit: number }) =>
      store.search.search({ userId: principal.userId, query, limit }),
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
