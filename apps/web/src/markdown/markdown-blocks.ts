import type { Token } from "marked";
import { lexMarkdown } from "./render-block.ts";

export type Block = { id: number; token: Token };

/**
 * A Markdown text cut into top-level blocks. Blocks before the last one are finished: more text can only
 * change the last block or add new ones, so each update lexes only the text from the last block on.
 */
export type BlockList = {
  text: string;
  /** Finished blocks; they never change, so their rendering is kept. */
  done: Block[];
  /** Where the text after the finished blocks starts. */
  doneLength: number;
  /** The blocks after `done`: the one still growing (or none), and, once the text is final, all of them. */
  tail: Block[];
  nextId: number;
};

const EMPTY: BlockList = { text: "", done: [], doneLength: 0, tail: [], nextId: 0 };

/** Splits `text` into blocks, reusing `previous` when `text` only grew from it. */
export function splitBlocks(previous: BlockList | undefined, text: string, { final }: { final: boolean }): BlockList {
  const base = previous && text.startsWith(previous.text) && !/\r/.test(text) ? previous : EMPTY;
  if (base === previous && base.text === text && (!final || base.tail.length === 0)) return base;
  const tokens = lexMarkdown(text.slice(base.doneLength));
  // A raw that does not add up to the source (a lexer normalisation) would misplace later cuts: lex it all.
  if (tokens.reduce((length, token) => length + token.raw.length, 0) !== text.length - base.doneLength) {
    return base === EMPTY ? wholeText(text, tokens, final) : splitBlocks(undefined, text, { final });
  }
  const lastContent = final ? tokens.length : findLastContentIndex(tokens);
  // The finished list keeps its identity while nothing new finishes, so its rendering can be skipped.
  const finishing = tokens.slice(0, lastContent).some((token) => token.type !== "space");
  const done = finishing ? [...base.done] : base.done;
  let doneLength = base.doneLength;
  let nextId = base.nextId;
  for (const token of tokens.slice(0, lastContent)) {
    doneLength += token.raw.length;
    if (token.type !== "space") done.push({ id: nextId++, token });
  }
  const tail = tokens.slice(lastContent).filter((token) => token.type !== "space");
  return { text, done, doneLength, tail: tail.map((token, index) => ({ id: nextId + index, token })), nextId };
}

function wholeText(text: string, tokens: Token[], final: boolean): BlockList {
  const blocks = tokens.filter((token) => token.type !== "space").map((token, id) => ({ id, token }));
  return final
    ? { text, done: blocks, doneLength: text.length, tail: [], nextId: blocks.length }
    : { text, done: [], doneLength: 0, tail: blocks, nextId: 0 };
}

function findLastContentIndex(tokens: Token[]): number {
  for (let index = tokens.length - 1; index >= 0; index -= 1) if (tokens[index]?.type !== "space") return index;
  return 0;
}
