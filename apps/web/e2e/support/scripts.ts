import type { Script } from "./scripted-provider.ts";

/** A typical answer: prose, a GitHub table, highlighted code and a list. */
export const SHOWCASE_ANSWER = `Here is how the common sorting algorithms compare, with a Python example.

| Algorithm | Average | Worst | Stable |
| --- | :-: | :-: | :-: |
| Merge sort | O(n log n) | O(n log n) | Yes |
| Quicksort | O(n log n) | O(n²) | No |
| Timsort | O(n log n) | O(n log n) | Yes |

Python's built-in \`sorted\` uses **Timsort**:

\`\`\`python
def top_scores(scores, k=3):
    """Return the k highest scores, best first."""
    return sorted(scores, reverse=True)[:k]

print(top_scores([42, 7, 99, 63]))  # [99, 63, 42]
\`\`\`

Key points:

- Use \`sorted()\` for a new list and \`list.sort()\` to sort in place.
- Pass \`key=\` rather than writing a comparison function.`;

/** A table wider than a phone, its columns aligned left, centre and right. */
export const WIDE_TABLE_ANSWER = `Here are the regions side by side.

| Region | Status | Requests per second | p50 latency | p99 latency | Error rate | Monthly cost |
| :-- | :-: | --: | --: | --: | --: | --: |
| eu-west-1 | healthy | 12,840 | 41 ms | 180 ms | 0.02 % | $18,400 |
| us-east-1 | degraded | 31,205 | 38 ms | 960 ms | 1.40 % | $42,950 |
| ap-southeast-2 | healthy | 4,310 | 55 ms | 240 ms | 0.05 % | $7,120 |`;

/** Plain words, so that the text on screen equals the text of the message. */
export const numberedWords = (count: number) => Array.from({ length: count }, (_, i) => `word${i + 1}`).join(" ");

/**
 * Answers by what the user asks: "sorting" gets the showcase answer, "wide table" a table wider than a
 * phone, "slowly" a long answer at a reading pace, "fail" a provider error; anything else is echoed,
 * numbered so that regenerations differ.
 */
export const chatScript: Script = (text, requestNumber) => {
  if (/sorting/i.test(text)) return { text: SHOWCASE_ANSWER, chunkSize: 6, delayMs: 15 };
  if (/wide table/i.test(text)) return { text: WIDE_TABLE_ANSWER, chunkSize: 12, delayMs: 5 };
  if (/slowly/i.test(text)) return { text: numberedWords(200), chunkSize: 6, delayMs: 20 };
  if (/fail/i.test(text)) return { text: "", status: 500 };
  return { text: `Answer ${requestNumber}: you said “${text}”.`, chunkSize: 4, delayMs: 3 };
};
