/** Markdown markers a model writes into a title, each with the text it keeps. */
const MARKUP: [RegExp, string][] = [
  [/^\s{0,3}#{1,6}\s+/, ""],
  [/^\s{0,3}>\s+/, ""],
  [/!?\[([^\]]*)\]\([^)]*\)/g, "$1"],
  [/`+/g, ""],
  [/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, "$2"],
  // Single `*` / `_` only around words, so `snake_case` and `2 * 3` stay as they are.
  [/(^|[^\p{L}\p{N}])([*_])(?=\S)(.+?)(?<=\S)\2(?![\p{L}\p{N}])/gu, "$1$3"],
  // Markers left without their pair, as in a title cut off mid-emphasis.
  [/\*\*|__|~~/g, ""],
];

/**
 * A conversation title as plain text: models often title in Markdown (`**Plan** for _today_`), and a title is
 * shown as text, never as HTML, so its markers are taken out. An all-markup title is kept as it is.
 * @example plainTitle("## **Plan** for _today_") // "Plan for today"
 */
export function plainTitle(title: string): string {
  let plain = title;
  for (const [marker, keep] of MARKUP) plain = plain.replace(marker, keep);
  plain = plain.replace(/\s+/g, " ").trim();
  return plain || title.trim();
}
