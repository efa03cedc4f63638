import DOMPurify from "dompurify";
import { Marked, type Token, type Tokens } from "marked";
import { escapeHtml, highlightCode } from "./highlight.ts";

function codeBlock({ text, lang }: Tokens.Code, highlight: boolean): string {
  const language = (lang ?? "").trim().split(/\s+/, 1)[0] ?? "";
  const body = highlight ? highlightCode(text, language) : escapeHtml(text);
  const label = language ? escapeHtml(language) : "text";
  return (
    `<div class="code-block"><div class="code-header"><span>${label}</span>` +
    `<button type="button" class="copy-code" data-copy-code aria-label="Copy code">Copy</button></div>` +
    `<pre><code class="hljs">${body}</code></pre></div>`
  );
}

// Highlighting a code block that is still growing would redo the whole block on every frame; it is
// highlighted once it is finished.
const finishedParser = new Marked({ gfm: true, renderer: { code: (token) => codeBlock(token, true) } });
const growingParser = new Marked({ gfm: true, renderer: { code: (token) => codeBlock(token, false) } });

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  // Links in answers open outside the app and do not hand it an opener.
  if (node.tagName === "A" && node.getAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

/** Sanitized HTML of one top-level Markdown block. */
export function renderBlock(token: Token, { growing = false }: { growing?: boolean } = {}): string {
  const parser = growing ? growingParser : finishedParser;
  // Style attributes would only trip the CSP (style-src 'self'); answers are styled by the app.
  const html = DOMPurify.sanitize(parser.parser([token]), { ADD_ATTR: ["target"], FORBID_ATTR: ["style"] });
  // A table scrolls sideways inside its own box, so a wide one never widens the page; inside it the table
  // takes the width its cells need rather than squeezing them to the column.
  return token.type === "table" ? `<div class="table-scroll">${html}</div>` : html;
}

export const lexMarkdown = (text: string) => finishedParser.lexer(text);
