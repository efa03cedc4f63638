import type { MessagePart } from "@slipstream/protocol";
import { convertToModelMessages, type ModelMessage, type UIMessage } from "ai";
import type { ModelFilePart } from "../files/attachment-parts.ts";
import type { MessageRecord } from "../store/index.ts";

const TOOL_PART = /^(tool-.+|dynamic-tool)$/;

/** The parts a model is sent back. Reasoning stays out, as it did before tools: providers that check it want signatures. */
const SENT_PART = (part: MessagePart) =>
  part.type === "text" || part.type === "step-start" || TOOL_PART.test(part.type);

const holdsToolCalls = (message: MessageRecord) => message.parts.some((part) => TOOL_PART.test(part.type));
const holdsFiles = (message: MessageRecord) => message.parts.some((part) => part.type === "file");

/**
 * Turns a message's `file` part into what the model reads (an image, or the file's text); for a model that does
 * not take images (`seesImages: false`), an image is a note saying so.
 */
export type FilePartReader = (part: MessagePart, model: { seesImages: boolean }) => Promise<ModelFilePart[]>;

/**
 * The model's view of a branch's messages. A message that holds tool calls becomes the assistant and tool
 * messages the AI SDK builds from its parts (each call with its result, step by step); any other message is its
 * text, as it always was, so a conversation without tools costs no conversion. A user message with files becomes
 * the files' model parts (`readFile`) followed by its text.
 */
export async function toModelMessages(
  history: readonly MessageRecord[],
  { readFile, seesImages = true }: { readFile?: FilePartReader; seesImages?: boolean } = {},
): Promise<ModelMessage[]> {
  const converted = await Promise.all(
    history.map(async (message): Promise<ModelMessage[]> => {
      if (message.role === "user" && readFile && holdsFiles(message)) {
        // The files first, then what the sender wrote about them.
        const files = (await Promise.all(message.parts.map((part) => readFile(part, { seesImages })))).flat();
        return [{ role: "user", content: [...files, { type: "text", text: message.content }] }];
      }
      if (!holdsToolCalls(message)) return [{ role: message.role, content: message.content } as ModelMessage];
      const parts = message.parts.filter(SENT_PART) as UIMessage["parts"];
      // A call cut off by a cancel or a crash has no result, which providers refuse: it is left out.
      return convertToModelMessages([{ role: message.role, parts }], { ignoreIncompleteToolCalls: true });
    }),
  );
  return converted.flat();
}
