import type { LanguageModelUsage, TextStreamPart, ToolSet } from "ai";

type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";
const FINISH_REASONS: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  "tool-calls": "tool_calls",
  "content-filter": "content_filter",
};
export const finishReasonOf = (reason: string) => FINISH_REASONS[reason] ?? "stop";

export const openAiUsage = (usage: LanguageModelUsage | undefined) => {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
};

type Delta = {
  role?: "assistant";
  content?: string;
  reasoning_content?: string;
  tool_calls?: { index: number; id?: string; type?: "function"; function: { name?: string; arguments: string } }[];
};

/**
 * Turns the AI SDK's stream parts into OpenAI `chat.completion.chunk` objects: text and reasoning deltas, tool calls
 * (streamed as their arguments arrive, or whole when the provider gave them whole), the finish reason, and usage.
 */
export function createChunker({ id, model, created }: { id: string; model: string; created: number }) {
  const toolIndexes = new Map<string, number>();
  const chunk = (delta: Delta, finishReason: FinishReason | null = null) => ({
    id,
    object: "chat.completion.chunk" as const,
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const indexOf = (callId: string) => {
    let index = toolIndexes.get(callId);
    if (index === undefined) {
      index = toolIndexes.size;
      toolIndexes.set(callId, index);
    }
    return index;
  };

  return {
    first: () => chunk({ role: "assistant", content: "" }),
    /** The chunks for one part; none for parts OpenAI has no counterpart of. */
    of(part: TextStreamPart<ToolSet>): object[] {
      switch (part.type) {
        case "text-delta":
          return part.text ? [chunk({ content: part.text })] : [];
        case "reasoning-delta":
          return part.text ? [chunk({ reasoning_content: part.text })] : [];
        case "tool-input-start":
          return [
            chunk({
              tool_calls: [
                {
                  index: indexOf(part.id),
                  id: part.id,
                  type: "function",
                  function: { name: part.toolName, arguments: "" },
                },
              ],
            }),
          ];
        case "tool-input-delta":
          return [chunk({ tool_calls: [{ index: indexOf(part.id), function: { arguments: part.delta } }] })];
        case "tool-call":
          if (toolIndexes.has(part.toolCallId)) return [];
          return [
            chunk({
              tool_calls: [
                {
                  index: indexOf(part.toolCallId),
                  id: part.toolCallId,
                  type: "function",
                  function: { name: part.toolName, arguments: JSON.stringify(part.input ?? {}) },
                },
              ],
            }),
          ];
        case "finish":
          return [chunk({}, finishReasonOf(part.finishReason))];
        default:
          return [];
      }
    },
    usage: (usage: LanguageModelUsage | undefined) => ({
      id,
      object: "chat.completion.chunk" as const,
      created,
      model,
      choices: [],
      usage: openAiUsage(usage),
    }),
  };
}
