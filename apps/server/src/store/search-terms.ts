/** The words of a search query: runs of letters and digits, so nothing in it is read as an engine's syntax. */
export function searchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 16);
}

export const MARK_START = "<mark>";
export const MARK_END = "</mark>";
