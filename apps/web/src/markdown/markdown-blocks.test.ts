import { describe, expect, it } from "vitest";
import { type BlockList, splitBlocks } from "./markdown-blocks.ts";

const ANSWER = [
  "# Title\n\n",
  "Some *text* that goes on\nover two lines.\n\n",
  "- one\n- two\n\n",
  "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n",
  "```ts\nconst x = 1;\n\nconst y = 2;\n```\n\n",
  "Last paragraph.",
].join("");

function streamInSteps(text: string, step: number) {
  let list: BlockList | undefined;
  const seen: BlockList[] = [];
  for (let end = step; end < text.length + step; end += step) {
    list = splitBlocks(list, text.slice(0, end), { final: false });
    seen.push(list);
  }
  return { last: splitBlocks(list, text, { final: true }), seen };
}

const types = (list: BlockList) => [...list.done, ...list.tail].map((block) => block.token.type);

describe("splitBlocks", () => {
  it("cuts a text into the same blocks whether it arrives at once or a few characters at a time", () => {
    const whole = splitBlocks(undefined, ANSWER, { final: true });
    expect(types(whole)).toEqual(["heading", "paragraph", "list", "table", "code", "paragraph"]);
    for (const step of [1, 3, 7, 50]) {
      const { last } = streamInSteps(ANSWER, step);
      expect(types(last)).toEqual(types(whole));
      expect(last.done.map((block) => block.token.raw)).toEqual(whole.done.map((block) => block.token.raw));
    }
  });

  it("keeps finished blocks as they are and leaves only the last block growing", () => {
    const { seen } = streamInSteps(ANSWER, 5);
    for (const [index, list] of seen.entries()) {
      expect(list.tail.length).toBeLessThanOrEqual(1);
      const previous = seen[index - 1];
      if (previous) for (const [at, block] of previous.done.entries()) expect(list.done[at]).toBe(block);
    }
  });

  it("does not commit an open code fence or a list that may go on", () => {
    const open = splitBlocks(undefined, "Intro\n\n```js\nlet a;\n\n", { final: false });
    expect(open.done.map((block) => block.token.type)).toEqual(["paragraph"]);
    expect(open.tail[0]?.token.type).toBe("code");
    const list = splitBlocks(undefined, "- a\n\n", { final: false });
    const more = splitBlocks(list, "- a\n\n- b\n", { final: false });
    expect(more.done).toEqual([]);
    expect(more.tail).toHaveLength(1);
  });

  it("starts over when the text is replaced rather than extended", () => {
    const first = splitBlocks(undefined, "Hello\n\nworld", { final: false });
    const other = splitBlocks(first, "Bye", { final: true });
    expect(types(other)).toEqual(["paragraph"]);
    expect(other.done[0]?.token.raw).toBe("Bye");
  });
});
