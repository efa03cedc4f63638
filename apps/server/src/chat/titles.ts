export const DEFAULT_TITLE = "New chat";
const MAX_TITLE_LENGTH = 60;

/** A title from the first thing the user said: its first line, cut at a word near 60 characters. */
export function titleFromMessage(content: string): string {
  const line = content.trim().split(/\r?\n/, 1)[0]?.replace(/\s+/g, " ").trim() ?? "";
  if (line.length === 0) return DEFAULT_TITLE;
  if (line.length <= MAX_TITLE_LENGTH) return line;
  const cut = line.slice(0, MAX_TITLE_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 20 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
