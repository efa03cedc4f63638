import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type {
  LanguageModelV4,
  LanguageModelV4FinishReason,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";

const PREAMBLE =
  "This is Slipstream's offline demo model (demo/echo): no AI provider is configured or selected, so I repeat what you wrote.";
const STOP: LanguageModelV4FinishReason = { unified: "stop", raw: "stop" };
const TEXT_ID = "0";

export type DemoModelOptions = {
  /** Pause before each streamed word; 15 ms by default. */
  chunkDelayMs?: number;
};

function messageText(message: LanguageModelV4Message): string {
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** The demo model's whole reply to a prompt: a plain notice, then the last user message echoed back. */
export function demoReply(prompt: LanguageModelV4Prompt): string {
  const lastUser = prompt.findLast((message) => message.role === "user");
  const said = lastUser ? messageText(lastUser).trim() : "";
  return said ? `${PREAMBLE} You said: ${said}` : `${PREAMBLE} Your message had no text to repeat.`;
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

function usage(prompt: LanguageModelV4Prompt, reply: string): LanguageModelV4Usage {
  const input = prompt.reduce((sum, message) => sum + countWords(messageText(message)), 0);
  const output = countWords(reply);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

/**
 * The built-in offline `demo/echo` model: an AI SDK language model that needs no network. It streams its
 * reply word by word and stops (the stream errors with the abort reason, as a fetch would) when aborted.
 */
export function createDemoModel({ chunkDelayMs = 15 }: DemoModelOptions = {}): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "demo",
    modelId: "echo",
    supportedUrls: {},

    async doGenerate({ prompt, abortSignal }) {
      abortSignal?.throwIfAborted();
      const text = demoReply(prompt);
      return { content: [{ type: "text", text }], finishReason: STOP, usage: usage(prompt, text), warnings: [] };
    },

    async doStream({ prompt, abortSignal }) {
      abortSignal?.throwIfAborted();
      const reply = demoReply(prompt);
      const words = reply.match(/\S+\s*/g) ?? [];
      let next = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "response-metadata", id: randomUUID(), modelId: "echo", timestamp: new Date() });
          controller.enqueue({ type: "text-start", id: TEXT_ID });
        },
        async pull(controller) {
          const word = words[next++];
          if (word === undefined) {
            controller.enqueue({ type: "text-end", id: TEXT_ID });
            controller.enqueue({ type: "finish", finishReason: STOP, usage: usage(prompt, reply) });
            controller.close();
            return;
          }
          await sleep(chunkDelayMs, undefined, { signal: abortSignal });
          controller.enqueue({ type: "text-delta", id: TEXT_ID, delta: word });
        },
      });
      return { stream };
    },
  };
}
