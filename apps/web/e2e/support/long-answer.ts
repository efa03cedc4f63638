/** About four characters make a token in English prose and code. */
const CHARS_PER_TOKEN = 4;

function section(index: number): string {
  const n = index + 1;
  switch (index % 4) {
    case 0:
      return `## Part ${n}\n\nThis part explains step ${n} of the process in plain words, with *emphasis*, **weight** and \`inline code\`, so that the renderer has real inline work to do on every paragraph it sees.\n\n`;
    case 1:
      return `- First point of part ${n}, with a [link](https://example.com/${n})\n- Second point, a little longer than the first one\n- Third point: \`value_${n}\`\n\n`;
    case 2:
      return `\`\`\`ts\nexport function step${n}(input: number[]): number {\n  // Sum the even numbers of step ${n}.\n  return input.filter((x) => x % 2 === 0).reduce((a, b) => a + b, ${n});\n}\n\`\`\`\n\n`;
    default:
      return `| Step | Input | Output |\n| --- | --- | --- |\n| ${n} | [1, 2, 3] | ${n + 2} |\n| ${n + 1} | [4, 5] | ${n + 4} |\n\n`;
  }
}

/** A Markdown answer of about `tokens` tokens: headings, prose, lists, code blocks and tables in turn. */
export function longMarkdownAnswer(tokens: number): string {
  const target = tokens * CHARS_PER_TOKEN;
  let text = "";
  for (let index = 0; text.length < target; index += 1) text += section(index);
  return text;
}
