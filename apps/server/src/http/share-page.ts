import type { SharedConversation, SharedMessage } from "@slipstream/protocol";
import { newestBranch } from "../chat/newest-branch.ts";

/** No script at all, from anywhere: the page shows text that other people wrote (and models made up). */
export const SHARE_PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);

/** The newest branch, root first; the other branches are counted at the message where they part. */
function shownBranch(messages: SharedMessage[]) {
  const branch = newestBranch(messages);
  const siblings = (message: SharedMessage) => messages.filter((other) => other.parentId === message.parentId).length;
  return branch.map((message) => ({ message, versions: siblings(message) }));
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1c1c1e}
header{border-bottom:1px solid #ddd;margin-bottom:1.5rem}h1{font-size:1.4rem;margin:0 0 .25rem}
.meta{color:#666;font-size:.85rem;margin:0 0 1rem}article{margin:0 0 1.25rem;padding:.75rem 1rem;border-radius:.6rem;background:#f4f4f6}
article.assistant{background:#fff;border:1px solid #e4e4e8}h2{font-size:.8rem;margin:0 0 .35rem;color:#555;text-transform:uppercase;letter-spacing:.04em}
.text{white-space:pre-wrap;word-wrap:break-word;margin:0}.versions{color:#888;font-size:.75rem}
.continue{display:inline-block;margin:0 0 1rem;padding:.45rem .9rem;border-radius:.5rem;background:#1c1c1e;color:#fff;text-decoration:none}`;

/**
 * The public page of a share link: plain HTML, the text escaped, no script. Going on with the conversation is a
 * link into the app (which copies it, after signing in when the viewer is not), since this page has no script to
 * make the request and takes no form.
 */
export function renderSharePage(shared: SharedConversation, { signedIn }: { signedIn: boolean }): string {
  const continueHref = `/s/${encodeURIComponent(shared.share.id)}/continue`;
  const continueLabel = signedIn ? "Continue this conversation" : "Sign in to continue this conversation";
  const turns = shownBranch(shared.messages)
    .map(({ message, versions }) => {
      const who = message.role === "user" ? (message.author ?? "User") : `Assistant · ${message.model ?? ""}`;
      const more = versions > 1 ? ` <span class="versions">(${versions} versions)</span>` : "";
      return `<article class="${message.role}"><h2>${escapeHtml(who)}${more}</h2><p class="text">${escapeHtml(message.content)}</p></article>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(shared.conversation.title)} · Slipstream</title>
<style>${STYLE}</style></head><body>
<header><h1>${escapeHtml(shared.conversation.title)}</h1>
<p class="meta">A read-only copy shared from Slipstream on ${escapeHtml(shared.share.createdAt.slice(0, 10))}.</p>
<a class="continue" href="${escapeHtml(continueHref)}">${continueLabel}</a></header>
<main>${turns}</main></body></html>
`;
}
