import {
  type ImagePart,
  jsonSchema,
  type ModelMessage,
  type TextPart,
  type ToolCallPart,
  type ToolChoice,
  type ToolSet,
  tool,
} from "ai";
import type { ChatCompletionRequest, ChatMessage } from "./chat-completions.schema.ts";

type Content = ChatMessage["content"];

const textOf = (content: Content): string =>
  typeof content === "string" ? content : (content ?? []).map((part) => part.text ?? "").join("");

function userContent(content: Content) {
  if (typeof content === "string" || !content) return content ?? "";
  return content.flatMap((part): (TextPart | ImagePart)[] => {
    if (part.type === "text") return [{ type: "text" as const, text: part.text ?? "" }];
    if (part.type === "image_url" && part.image_url) {
      const url = typeof part.image_url === "string" ? part.image_url : part.image_url.url;
      return [{ type: "image" as const, image: url }];
    }
    return [];
  });
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type Conversational = Exclude<ChatMessage, { role: "system" | "developer" }>;
const isInstruction = (message: ChatMessage) => message.role === "system" || message.role === "developer";

/**
 * OpenAI's chat messages as the AI SDK's: system and developer messages become the instructions (the AI SDK takes
 * no system message among the others), the rest model messages; tool results find their tool's name by the call id.
 */
export function toModelMessages(all: ChatMessage[]): { instructions?: string; messages: ModelMessage[] } {
  const instructions = all
    .filter(isInstruction)
    .map((message) => textOf(message.content))
    .join("\n\n");
  const toolNames = new Map<string, string>();
  const conversational = all.filter((message): message is Conversational => !isInstruction(message));
  const messages = conversational.map((message): ModelMessage => {
    switch (message.role) {
      case "user":
        return { role: "user", content: userContent(message.content) };
      case "assistant": {
        const calls = (message.tool_calls ?? []).map((call): ToolCallPart => {
          toolNames.set(call.id, call.function.name);
          return {
            type: "tool-call",
            toolCallId: call.id,
            toolName: call.function.name,
            input: parseArguments(call.function.arguments),
          };
        });
        const text = textOf(message.content);
        const parts: (TextPart | ToolCallPart)[] = text ? [{ type: "text", text }, ...calls] : calls;
        return { role: "assistant", content: parts };
      }
      default:
        return {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: message.tool_call_id,
              toolName: toolNames.get(message.tool_call_id) ?? "unknown",
              output: { type: "text", value: textOf(message.content) },
            },
          ],
        };
    }
  });
  return { instructions: instructions || undefined, messages };
}

/** The caller's functions as AI SDK tools without `execute`: the model's calls are handed back, not run here. */
export function toToolSet(tools: ChatCompletionRequest["tools"]): ToolSet | undefined {
  if (!tools || tools.length === 0) return undefined;
  return Object.fromEntries(
    tools.map(({ function: fn }) => [
      fn.name,
      tool({
        description: fn.description,
        inputSchema: jsonSchema((fn.parameters ?? { type: "object", properties: {} }) as never),
      }),
    ]),
  );
}

export function toToolChoice(choice: ChatCompletionRequest["tool_choice"]): ToolChoice<ToolSet> | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === "string") return choice;
  return { type: "tool", toolName: choice.function.name };
}
