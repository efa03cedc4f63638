/**
 * Directives in the last user message choose how the fake provider answers, so that tests driving the
 * whole chat server can trigger every behaviour. They combine, e.g. `[[slow:50]][[drop:2]] hello`.
 *
 * - none: reply `Echo: <message without directives, trimmed>` in deltas of 4 characters.
 * - `[[reply:<text>]]`: reply exactly <text>, everything up to the first `]]`, verbatim (real newlines
 *   are kept, no escape sequences are interpreted, so <text> cannot contain `]]`).
 * - `[[status:<code>]]`: answer that HTTP status with the provider's JSON error body
 *   (429 also sends `retry-after: 1` and `retry-after-ms: 20`).
 * - `[[repeat:<n>]]`: reply the reply n times over, for answers larger than a request may be.
 * - `[[chunks:<n>]]`: split the reply into exactly n deltas of near-equal length (trailing ones are
 *   empty when the reply has fewer than n characters).
 * - `[[slow:<ms>]]`: wait <ms> before every delta.
 * - `[[drop:<n>]]`: send n deltas (all of them if there are fewer), then destroy the socket mid-stream.
 * - `[[reasoning:<text>]]`: think <text> first, in reasoning deltas of 4 characters (dialects that stream
 *   reasoning: OpenAI-compatible `reasoning_content`).
 * - `[[tool:<name>:<json>]]`: call the tool <name> with the arguments <json> instead of answering in text
 *   (OpenAI chat completions only), the arguments streamed in two deltas; finish reason `tool_calls`.
 * - `[[recorded:<name>]]`: answer with the raw SSE body `recorded/<name>.sse`, as a provider sent it, frame by frame
 *   (a `#drop` frame destroys the socket there), whatever the dialect and the other directives.
 * - `[[stall]]`: send the headers and the opening frames (role chunk, message_start…), then nothing
 *   until the client goes away.
 * - `[[nul:<c>]]`: send every character <c> of the reply as U+0000, which Postgres text cannot hold.
 * - `[[pause:<n>]]`: send n deltas, then hold the rest until the test calls the provider's `resume()`, so that
 *   a fault can be made at a known point of a reply.
 * - `[[tool:<name>:<json args>]]`: call the tool <name> with these arguments (streamed in deltas of 4
 *   characters where the dialect streams them) instead of answering, if the request declares it; several
 *   are called one after the other, one per request. Once the request holds as many tool results after the
 *   last user message as there are directives, answer `Tool <name> said: <the last result, as sent>`
 *   (or the `[[reply:…]]`). A tool the request does not declare is answered `No tool named <name>.`
 */
export type Scenario = {
  status?: number;
  reasoning: string[];
  reply: string;
  deltas: string[];
  slowMs: number;
  dropAfter?: number;
  pauseAfter?: number;
  stall: boolean;
  /** The recorded SSE body to replay instead of a reply of this dialect's. */
  recorded?: string;
  /** The tools to call, in order, one per request. */
  tools: ToolDirective[];
  /** Whether `[[reply:…]]` chose the reply (which then stands after tool calls too). */
  replyGiven: boolean;
};

export type ToolDirective = { name: string; args: string; argumentDeltas: string[] };

const DIRECTIVE = /\[\[(reply|reasoning|repeat|status|chunks|slow|drop|pause|nul|stall|recorded)(?::([\s\S]*?))?\]\]/g;
const DEFAULT_DELTA_LENGTH = 4;

export function parseScenario(lastUserText: string): Scenario {
  const { tools, rest } = parseToolDirectives(lastUserText);
  const values = new Map<string, string>();
  for (const [, name = "", value = ""] of rest.matchAll(DIRECTIVE)) values.set(name, value);
  const number = (name: string) => (values.has(name) ? Number.parseInt(values.get(name) ?? "", 10) : undefined);
  const once = values.get("reply") ?? `Echo: ${rest.replace(DIRECTIVE, "").trim()}`;
  const repeated = once.repeat(number("repeat") ?? 1);
  const nul = values.get("nul");
  const reply = nul ? repeated.replaceAll(nul, "\u0000") : repeated;
  const chunks = number("chunks");
  return {
    status: number("status"),
    reasoning: splitEvery(values.get("reasoning") ?? "", DEFAULT_DELTA_LENGTH),
    reply,
    deltas: chunks === undefined ? splitEvery(reply, DEFAULT_DELTA_LENGTH) : splitInto(reply, chunks),
    slowMs: number("slow") ?? 0,
    dropAfter: number("drop"),
    pauseAfter: number("pause"),
    stall: values.has("stall"),
    recorded: values.get("recorded"),
    tools,
    replyGiven: values.has("reply"),
  };
}

/** The scenario answering `text` once its tools are called, unless `[[reply:…]]` chose the answer. */
export function answerAfterTools(scenario: Scenario, text: string): Scenario {
  if (scenario.replyGiven) return scenario;
  return { ...scenario, reply: text, deltas: splitEvery(text, DEFAULT_DELTA_LENGTH) };
}

const TOOL_START = /\[\[tool:([A-Za-z0-9_-]{1,64}):/g;

/** The `[[tool:name:args]]` directives and the text without them; the args run to the first `]]` that ends valid JSON. */
function parseToolDirectives(text: string): { tools: ToolDirective[]; rest: string } {
  const tools: ToolDirective[] = [];
  let rest = "";
  let from = 0;
  for (const match of text.matchAll(TOOL_START)) {
    if (match.index < from) continue;
    const argsStart = match.index + match[0].length;
    const end = jsonEnd(text, argsStart);
    if (end === undefined) continue;
    const args = JSON.stringify(JSON.parse(text.slice(argsStart, end)));
    tools.push({ name: match[1] ?? "", args, argumentDeltas: splitEvery(args, DEFAULT_DELTA_LENGTH) });
    rest += text.slice(from, match.index);
    from = end + 2;
  }
  return { tools, rest: rest + text.slice(from) };
}

function jsonEnd(text: string, start: number): number | undefined {
  for (let end = text.indexOf("]]", start); end >= 0; end = text.indexOf("]]", end + 1)) {
    try {
      JSON.parse(text.slice(start, end));
      return end;
    } catch {
      // Not yet the end of the arguments: a `]]` inside them.
    }
  }
  return undefined;
}

function splitEvery(text: string, size: number): string[] {
  const chars = Array.from(text);
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += size) parts.push(chars.slice(i, i + size).join(""));
  return parts;
}

function splitInto(text: string, count: number): string[] {
  const chars = Array.from(text);
  const size = Math.ceil(chars.length / Math.max(count, 1));
  return Array.from({ length: count }, (_, i) => chars.slice(i * size, (i + 1) * size).join(""));
}
