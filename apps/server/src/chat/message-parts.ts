import type { MessagePart } from "@slipstream/protocol";

/** The parts of a message that holds only text (what a user sends, what a checkpoint has of a running reply). */
export const textParts = (content: string): MessagePart[] => (content === "" ? [] : [{ type: "text", text: content }]);
