import type { Message } from "@slipstream/protocol";
import { createContext, useContext } from "react";

/** What a message on screen can ask of its conversation; one stable object, so messages need not re-render. */
export type MessageActions = {
  showVersion: (message: Message) => void;
  regenerate: (reply: Message) => void;
  edit: (message: Message, content: string) => void;
  /** Deletes the message and every reply under it. */
  removeBranch: (message: Message) => void;
  /** The reader may not send here (a viewer): no edit, regenerate or delete buttons. */
  readOnly?: boolean;
};

export const MessageActionsContext = createContext<MessageActions | null>(null);

export function useMessageActions(): MessageActions {
  const actions = useContext(MessageActionsContext);
  if (!actions) throw new Error("useMessageActions needs a MessageActionsContext provider");
  return actions;
}
