import type { Token } from "marked";
import { type MouseEvent, memo, useMemo, useRef } from "react";
import { type BlockList, splitBlocks } from "./markdown-blocks.ts";
import { renderBlock } from "./render-block.ts";

const MarkdownBlock = memo(function MarkdownBlock({ token, growing }: { token: Token; growing: boolean }) {
  const html = useMemo(() => renderBlock(token, { growing }), [token, growing]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderBlock sanitizes with DOMPurify.
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />;
});

async function copyCode(event: MouseEvent<HTMLDivElement>) {
  const button = (event.target as Element).closest<HTMLButtonElement>("button[data-copy-code]");
  const code = button?.closest(".code-block")?.querySelector("code");
  if (!button || !code) return;
  try {
    await navigator.clipboard.writeText(code.textContent ?? "");
    button.textContent = "Copied";
  } catch (error) {
    console.warn("copying the code block failed", error);
    button.textContent = "Copy failed";
  }
  setTimeout(() => {
    button.textContent = "Copy";
  }, 1500);
}

/**
 * Markdown rendered block by block: while `streaming`, only the last, growing block is rendered again
 * as text arrives; finished blocks keep their HTML.
 */
export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const blocks = useRef<BlockList | undefined>(undefined);
  const list = useMemo(() => {
    blocks.current = splitBlocks(blocks.current, text, { final: !streaming });
    return blocks.current;
  }, [text, streaming]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: delegates clicks of the copy buttons inside, which are real buttons.
    <div className="markdown" onClick={copyCode}>
      {list.done.map((block) => (
        <MarkdownBlock key={block.id} token={block.token} growing={false} />
      ))}
      {list.tail.map((block) => (
        <MarkdownBlock key={`tail-${block.id}`} token={block.token} growing={streaming} />
      ))}
    </div>
  );
}
