import type { ConversationParams, MessagePart, MessageStatus, MessageUsage } from "@slipstream/protocol";
import { conversationEvents } from "../events/conversation-events.ts";
import type { RecordEvent } from "../events/outbox.ts";
import { newId } from "../ids/new-id.ts";
import type { ModelRegistry, ModelViewer } from "../providers/index.ts";
import type { ConversationRecord, MessageRole, StoreTransaction } from "../store/index.ts";
import { fileOfPart } from "./file-parts.ts";

/** One message of a conversation written whole; `key` names it within its tree only. */
export type CopiedMessage = {
  key: string;
  parentKey: string | null;
  role: MessageRole;
  content: string;
  parts: MessagePart[];
  model: string | null;
  status: MessageStatus;
  error: string | null;
  usage?: MessageUsage | null;
  createdAt: string;
};

/** A message as Slipstream lists it (in an export, a share link), in the shape a copy writes: its id as its key. */
export function copiedMessage(
  message: Omit<CopiedMessage, "key" | "parentKey" | "error"> & {
    id: string;
    parentId: string | null;
    error?: string | null;
  },
): CopiedMessage {
  const { id, parentId, role, content, parts, model, status, error, usage, createdAt } = message;
  return { key: id, parentKey: parentId, role, content, parts, model, status, error: error ?? null, usage, createdAt };
}

/**
 * A conversation from elsewhere (an import, a share link), to write whole. Its messages come parents first, and
 * the leaf of the branch to show last: readers show the branch of the newest message, and ids are made in order.
 */
export type ConversationCopy = {
  title: string;
  model: string;
  systemPrompt?: string;
  params?: ConversationParams;
  tools?: string[];
  createdAt: string;
  updatedAt: string;
  messages: CopiedMessage[];
};

/**
 * The model a copied conversation goes on with: its own when the viewer has it, else their default. Its messages
 * keep their models as labels, known here or not.
 */
export async function modelToContinueWith(models: ModelRegistry, label: string | null, viewer: ModelViewer) {
  if (label) {
    const known = await models.getModel(label, viewer).then(
      () => true,
      () => false,
    );
    if (known) return label;
  }
  return models.defaultModelId(viewer);
}

/**
 * Keeps the file parts that point at a file of `userId`; the others (another user's, or gone) are dropped, never
 * linked, and a line in the text says so.
 */
async function ownFilesOnly(tx: StoreTransaction, userId: string, message: CopiedMessage) {
  const parts: MessagePart[] = [];
  const notes: string[] = [];
  for (const part of message.parts) {
    const file = fileOfPart(part);
    if (!file) {
      parts.push(part);
      continue;
    }
    const stored = await tx.files.findFileById({ id: file.id });
    if (stored && stored.userId === userId && stored.status === "ready") parts.push(part);
    else notes.push(`[Attachment "${file.name}" was not copied: it is not among your files.]`);
  }
  if (notes.length === 0) return { parts, content: message.content };
  const note = notes.join("\n");
  return {
    parts: [...parts, { type: "text", text: note }],
    content: message.content === "" ? note : `${message.content}\n\n${note}`,
  };
}

/**
 * Writes a conversation of `userId` with the copy's whole tree under new ids, recording its events in the
 * transaction under way. A copied reply is over: one that was still streaming is kept as interrupted.
 */
export async function writeConversationCopy({
  tx,
  record,
  userId,
  copy,
}: {
  tx: StoreTransaction;
  record: RecordEvent;
  userId: string;
  copy: ConversationCopy;
}): Promise<ConversationRecord> {
  const conversation = await tx.conversations.createConversation({
    id: newId(),
    userId,
    title: copy.title,
    model: copy.model,
    version: 0,
    systemPrompt: copy.systemPrompt,
    params: copy.params,
    tools: copy.tools,
    createdAt: copy.createdAt,
    updatedAt: copy.updatedAt,
  });
  await record({ conversationId: conversation.id, event: conversationEvents.created(conversation) });
  const ids = new Map<string, string>();
  for (const message of copy.messages) {
    const id = newId();
    ids.set(message.key, id);
    const { parts, content } = await ownFilesOnly(tx, userId, message);
    const created = await tx.messages.createMessage({
      id,
      conversationId: conversation.id,
      parentId: message.parentKey === null ? null : (ids.get(message.parentKey) ?? null),
      role: message.role,
      content,
      parts,
      model: message.model,
      status: message.status === "streaming" ? "interrupted" : message.status,
      error: message.error,
      streamId: null,
      authorId: message.role === "user" ? userId : null,
      usage: message.usage ?? null,
      createdAt: message.createdAt,
      updatedAt: message.createdAt,
    });
    await record({ conversationId: conversation.id, event: conversationEvents.messageCreated(created) });
  }
  return conversation;
}
