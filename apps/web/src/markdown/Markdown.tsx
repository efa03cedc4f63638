import type { Token } from "marked";
import { type MouseEvent, memo, useMemo, useRef } from "react";
import { type Block, type BlockList, splitBlocks } from "./markdown-blocks.ts";
import { renderBlock } from "./render-block.ts";

/** Finished blocks are rendered in groups of this many, so a long answer costs a few memo checks per frame. */
const GROUP_SIZE = 64;

const MarkdownBlock = memo(function MarkdownBlock({ token, growing }: { token: Token; growing: boolean }) {
  const html = useMemo(() => renderBlock(token, { growing }), [token, growing]);
  return (
    <div
      className="md-block"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderBlock sanitizes with DOMPurify.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});

// A group is one element, so the browser skips a whole group off screen (content-visibility in CSS).
const BlockGroup = memo(function BlockGroup({ blocks }: { blocks: Block[] }) {
  return (
    <div className="md-group">
      {blocks.map((block) => (
        <MarkdownBlock key={block.id} token={block.token} growing={false} />
      ))}
    </div>
  );
});

/** Cuts finished blocks into groups; a full group keeps its identity from one render to the next. */
function useBlockGroups(done: Block[]): Block[][] {
  const groups = useRef<Block[][]>([]);
  return useMemo(() => {
    const next: Block[][] = [];
    for (let start = 0; start < done.length; start += GROUP_SIZE) {
      const index = start / GROUP_SIZE;
      const previous = groups.current[index];
      const size = Math.min(GROUP_SIZE, done.length - start);
      const reusable =
        previous?.length === size && previous[0] === done[start] && previous[size - 1] === done[start + size - 1];
      next.push(reusable && previous ? previous : done.slice(start, start + size));
    }
    groups.current = next;
    return next;
  }, [done]);
}

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
  const groups = useBlockGroups(list.done);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: delegates clicks of the copy buttons inside, which are real buttons.
    <div className="markdown" onClick={copyCode}>
      {groups.map((group) => (
        <BlockGroup key={group[0]?.id} blocks={group} />
      ))}
      {list.tail.map((block) => (
        <MarkdownBlock key={`tail-${block.id}`} token={block.token} growing={streaming} />
      ))}
    </div>
  );
}
