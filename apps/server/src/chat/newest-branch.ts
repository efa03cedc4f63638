/** The branch a reader sees: from the root down to the newest message (ids are UUIDv7, so the last is the newest). */
export function newestBranch<T extends { id: string; parentId: string | null }>(messages: readonly T[]): T[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const branch: T[] = [];
  for (let at = messages.at(-1); at; at = at.parentId ? byId.get(at.parentId) : undefined) branch.unshift(at);
  return branch;
}
