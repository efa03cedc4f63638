import type { ChatGptConversation, ChatGptNode, MessagePart } from "@slipstream/protocol";
import { DEFAULT_TITLE } from "../chat/titles.ts";
import type { ImportedConversation } from "./imported-conversation.ts";

/** ChatGPT keeps uploaded and generated images beside conversations.json, which only points at them. */
const IMAGE_NOTE = "[An image was not imported: ChatGPT's export keeps images outside conversations.json.]";

const isoTime = (seconds: number | null | undefined, fallback: string) =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : fallback;

/** ChatGPT's models are OpenAI's: `gpt-4o` becomes the label `openai/gpt-4o`. */
const modelLabel = (slug: unknown) => (typeof slug === "string" && slug !== "" ? `openai/${slug}` : null);

/** The text a node shows in ChatGPT, or undefined for what ChatGPT does not show (empty turns, hidden context). */
function textOf(message: NonNullable<ChatGptNode["message"]>): string | undefined {
  const { content } = message;
  let pieces: string[] = [];
  if (content.content_type === "code" && typeof content.text === "string") {
    const language = content.language && content.language !== "unknown" ? content.language : "";
    pieces = [`\`\`\`${language}\n${content.text}\n\`\`\``];
  } else if (content.content_type === "text" || content.content_type === "multimodal_text") {
    for (const part of content.parts ?? []) {
      if (typeof part === "string") pieces.push(part);
      else if (typeof part === "object" && part !== null) {
        const { content_type: type, text } = part as { content_type?: unknown; text?: unknown };
        if (type === "image_asset_pointer") pieces.push(IMAGE_NOTE);
        else if (typeof text === "string") pieces.push(text);
      }
    }
  }
  const text = pieces.filter((piece) => piece.trim() !== "").join("\n\n");
  return text === "" ? undefined : text;
}

/** Whether a node is a turn of the conversation as ChatGPT shows it: system prompts, tool output and hidden context are not. */
function shownText(node: ChatGptNode): string | undefined {
  const message = node.message;
  if (!message) return undefined;
  if (message.author.role !== "user" && message.author.role !== "assistant") return undefined;
  if (message.metadata?.is_visually_hidden_from_conversation === true) return undefined;
  return textOf(message);
}

/** The node ids from `current_node` up to its root: at each fork, the branch the user last saw. */
function currentPath(conversation: ChatGptConversation): Set<string> {
  const path = new Set<string>();
  for (let id = conversation.current_node ?? undefined; id && !path.has(id); ) {
    path.add(id);
    id = conversation.mapping[id]?.parent ?? undefined;
  }
  return path;
}

/**
 * One ChatGPT conversation as Slipstream branches: edited and regenerated siblings stay siblings; nodes ChatGPT does
 * not show are left out and their children hang from the nearest shown ancestor. Messages come parents first, with
 * the branch of `current_node` visited last at each fork, so that its leaf is the newest message.
 */
export function fromChatGpt(conversation: ChatGptConversation): ImportedConversation {
  const { mapping } = conversation;
  const createdAt = isoTime(conversation.create_time, new Date().toISOString());
  const onPath = currentPath(conversation);
  // A node's parent field is the truth; its `children` list only gives the order ChatGPT made them in.
  const byParent = new Map<string, ChatGptNode[]>();
  for (const node of Object.values(mapping)) {
    if (!node.parent) continue;
    const siblings = byParent.get(node.parent);
    if (siblings) siblings.push(node);
    else byParent.set(node.parent, [node]);
  }
  /** In the order to push them: the stack pops the last pushed first, and the current branch is to come last. */
  const pushOrder = (nodes: ChatGptNode[], listed: string[] = []) => {
    const rank = (node: ChatGptNode) => (listed.includes(node.id) ? listed.indexOf(node.id) : listed.length);
    const ordered = [...nodes].sort((a, b) => rank(a) - rank(b));
    return [
      ...ordered.filter((node) => onPath.has(node.id)),
      ...ordered.filter((node) => !onPath.has(node.id)).reverse(),
    ];
  };
  const roots = Object.values(mapping).filter((node) => !node.parent || !mapping[node.parent]);

  const messages: ImportedConversation["messages"] = [];
  const seen = new Set<string>();
  const stack = pushOrder(roots).map((node) => ({ node, parentKey: null as string | null }));
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, parentKey } = entry;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const text = shownText(node);
    let key = parentKey;
    if (text !== undefined && node.message) {
      const role = node.message.author.role as "user" | "assistant";
      key = node.id;
      messages.push({
        key,
        parentKey,
        role,
        content: text,
        parts: [{ type: "text", text } satisfies MessagePart],
        model: role === "assistant" ? modelLabel(node.message.metadata?.model_slug) : null,
        status: "complete",
        error: null,
        createdAt: isoTime(node.message.create_time, createdAt),
      });
    }
    for (const child of pushOrder(byParent.get(node.id) ?? [], node.children))
      stack.push({ node: child, parentKey: key });
  }

  const lastModel = messages.findLast((message) => message.model !== null)?.model ?? null;
  return {
    title: conversation.title?.trim().slice(0, 200) || DEFAULT_TITLE,
    model: modelLabel(conversation.default_model_slug) ?? lastModel,
    createdAt,
    updatedAt: isoTime(conversation.update_time, createdAt),
    messages,
  };
}
