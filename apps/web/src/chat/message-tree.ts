import type { Message } from "@slipstream/protocol";

/**
 * A conversation's messages as the server keeps them: a tree by `parentId`. Siblings (edits of a user
 * message, regenerations of a reply) are ordered by id, which the server makes time-ordered (UUIDv7).
 */
export type MessageTree = { byId: Map<string, Message>; children: Map<string | null, Message[]> };

export function buildTree(messages: Iterable<Message>): MessageTree {
  const byId = new Map<string, Message>();
  const children = new Map<string | null, Message[]>();
  for (const message of messages) byId.set(message.id, message);
  for (const message of byId.values()) {
    const parent = message.parentId && byId.has(message.parentId) ? message.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(message);
    children.set(parent, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { byId, children };
}

/** The newest message of the whole tree: where the conversation left off. */
export function newestMessage(tree: MessageTree): Message | undefined {
  let newest: Message | undefined;
  for (const message of tree.byId.values()) if (!newest || message.id > newest.id) newest = message;
  return newest;
}

/** Goes down from `message` through the newest child at each step, to the leaf the branch ends at. */
export function newestLeafUnder(tree: MessageTree, message: Message): Message {
  let current = message;
  for (let next = tree.children.get(current.id)?.at(-1); next; next = tree.children.get(current.id)?.at(-1)) {
    current = next;
  }
  return current;
}

/** The ids of `message` and every message under it: what deleting it takes away. */
export function branchIds(tree: MessageTree, message: Message): string[] {
  const ids: string[] = [];
  const pending = [message];
  for (let current = pending.pop(); current; current = pending.pop()) {
    ids.push(current.id);
    pending.push(...(tree.children.get(current.id) ?? []));
  }
  return ids;
}

/**
 * The thread on screen: from the root down to `leafId` (the newest message when unset), then on
 * through the newest children, so replies arriving under the leaf appear.
 */
export function visiblePath(tree: MessageTree, leafId: string | undefined): Message[] {
  const start = (leafId && tree.byId.get(leafId)) || newestMessage(tree);
  if (!start) return [];
  const path: Message[] = [];
  const seen = new Set<string>();
  for (let current: Message | undefined = start; current && !seen.has(current.id); ) {
    seen.add(current.id);
    path.push(current);
    current = current.parentId ? tree.byId.get(current.parentId) : undefined;
  }
  path.reverse();
  for (let next = tree.children.get(start.id)?.at(-1); next && !seen.has(next.id); ) {
    seen.add(next.id);
    path.push(next);
    next = tree.children.get(next.id)?.at(-1);
  }
  return path;
}

/** Where `message` stands among its siblings: the `2/3` of the branch arrows, and its neighbours. */
export function siblingsOf(tree: MessageTree, message: Message) {
  const parent = message.parentId && tree.byId.has(message.parentId) ? message.parentId : null;
  const siblings = tree.children.get(parent) ?? [message];
  const index = Math.max(
    0,
    siblings.findIndex((sibling) => sibling.id === message.id),
  );
  return { index, count: siblings.length, previous: siblings[index - 1], next: siblings[index + 1] };
}
