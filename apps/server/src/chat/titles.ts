export const DEFAULT_TITLE = "New chat";
const MAX_TITLE_LENGTH = 60;

/** Markdown a title must not carry: headings, emphasis, code ticks, quotes and the brackets of links. */
const MARKUP = [
  [/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/, ""],
  [/!?\[([^\]]*)\]\([^)]*\)/g, "$1"],
  [/(\*\*|__|~~)(.+?)\1/g, "$2"],
  [/(^|[^\w*])[*_](\S(?:.*?\S)?)[*_](?=[^\w*]|$)/g, "$1$2"],
  [/`+([^`]*)`+/g, "$1"],
] as const;

/** One line of plain text: Markdown markup, surrounding quotes and extra spaces removed. */
export function plainTitle(text: string): string {
  let line = text.trim().split(/\r?\n/, 1)[0] ?? "";
  for (const [pattern, replacement] of MARKUP) line = line.replace(pattern, replacement);
  return line
    .replace(/\s+/g, " ")
    .replace(/^["'“”‘’«»\s]+|["'“”‘’«».\s]+$/g, "")
    .trim();
}

/** Cut at a word near 60 characters, with an ellipsis when something was cut. */
function shorten(line: string): string {
  if (line.length <= MAX_TITLE_LENGTH) return line;
  const cut = line.slice(0, MAX_TITLE_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 20 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** A title from the first thing the user said, standing in until a model has written one. */
export function titleFromMessage(content: string): string {
  return shorten(plainTitle(content)) || DEFAULT_TITLE;
}

/** A model's answer to "title this conversation", as a title; empty when nothing usable came back. */
export function titleFromModel(answer: string): string {
  return shorten(plainTitle(answer.replace(/^\s*title\s*:\s*/i, "")));
}
