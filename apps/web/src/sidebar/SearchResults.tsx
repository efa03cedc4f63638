import type { SearchResult } from "@slipstream/protocol";
import { useEffect, useState } from "react";
import { useClient } from "../app/client.ts";
import { conversationPath } from "../app/use-route.ts";
import { plainTitle } from "./plain-title.ts";

/** Waits this long after the last keystroke before asking the server. */
const SEARCH_DEBOUNCE_MS = 200;

/** A snippet from the server: matched words between `<mark>` and `</mark>`, the rest plain text (React escapes it). */
function Snippet({ text }: { text: string }) {
  // Keyed by where each piece starts in the snippet, which is stable for a given snippet.
  let start = 0;
  const pieces = text.split(/<mark>|<\/mark>/).map((piece, index) => {
    const key = `at-${start}`;
    start += piece.length + 1;
    return index % 2 === 1 ? <mark key={key}>{piece}</mark> : <span key={key}>{piece}</span>;
  });
  return <>{pieces}</>;
}

/** Full-text hits in every conversation the user can read, below the title matches. */
export function SearchResults({ query, onOpen }: { query: string; onOpen: (id: string) => void }) {
  const client = useClient();
  const [results, setResults] = useState<SearchResult[]>();
  useEffect(() => {
    setResults(undefined);
    if (query.trim().length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      client.search(query).then(
        (found) => current && setResults(found),
        (error: unknown) => console.error("search failed", error),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  if (!results) return null;
  const inMessages = results.filter((result) => result.messageId !== null);
  return (
    <section className="search-results" aria-label="Messages found">
      <h2>In messages</h2>
      {inMessages.length === 0 && <p className="sidebar-empty">No message mentions it.</p>}
      <ul>
        {inMessages.map((result) => (
          <li key={result.messageId}>
            <a
              href={conversationPath(result.conversationId)}
              onClick={(event) => {
                event.preventDefault();
                onOpen(result.conversationId);
              }}
            >
              <strong>{plainTitle(result.title)}</strong>
              <span className="snippet">
                <Snippet text={result.snippet} />
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
