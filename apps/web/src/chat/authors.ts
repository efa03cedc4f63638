import { createContext, useContext } from "react";

/** Who wrote the user messages of a shared conversation, by user id, and who is reading. */
export type Authors = { names: ReadonlyMap<string, string>; me: string };

export const AuthorsContext = createContext<Authors | null>(null);

/** The name to show above a user message: none for one's own, or outside a shared conversation. */
export function useAuthorName(authorId: string | null): string | undefined {
  const authors = useContext(AuthorsContext);
  if (!authors || !authorId || authorId === authors.me) return undefined;
  return authors.names.get(authorId) ?? "Someone";
}
