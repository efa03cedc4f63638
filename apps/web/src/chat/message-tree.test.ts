import type { Message } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { branchIds, buildTree, newestLeafUnder, siblingsOf, visiblePath } from "./message-tree.ts";

function message(id: string, parentId: string | null, role: Message["role"] = "user"): Message {
  const at = "2025-01-01T00:00:00.000Z";
  return {
    id,
    conversationId: "c",
    parentId,
    role,
    content: id,
    parts: [{ type: "text", text: id }],
    model: null,
    status: "complete",
    error: null,
    streamId: null,
    authorId: null,
    usage: null,
    attachments: [],
    createdAt: at,
    updatedAt: at,
  };
}

// u1 → a1 → u2 → a2, with u2 edited into u2b → a2b, and a2b regenerated as a2c.
const tree = buildTree([
  message("01-u1", null),
  message("02-a1", "01-u1", "assistant"),
  message("03-u2", "02-a1"),
  message("04-a2", "03-u2", "assistant"),
  message("05-u2b", "02-a1"),
  message("06-a2b", "05-u2b", "assistant"),
  message("07-a2c", "05-u2b", "assistant"),
]);
const ids = (messages: Message[]) => messages.map((m) => m.id);

describe("message tree", () => {
  it("shows the branch of the newest message by default", () => {
    expect(ids(visiblePath(tree, undefined))).toEqual(["01-u1", "02-a1", "05-u2b", "07-a2c"]);
  });

  it("shows an older branch when its leaf is chosen, and continues below a chosen inner message", () => {
    expect(ids(visiblePath(tree, "04-a2"))).toEqual(["01-u1", "02-a1", "03-u2", "04-a2"]);
    expect(ids(visiblePath(tree, "01-u1"))).toEqual(["01-u1", "02-a1", "05-u2b", "07-a2c"]);
  });

  it("counts siblings for the branch arrows", () => {
    const edited = tree.byId.get("05-u2b") as Message;
    expect(siblingsOf(tree, edited)).toMatchObject({ index: 1, count: 2, next: undefined });
    expect(siblingsOf(tree, edited).previous?.id).toBe("03-u2");
    expect(siblingsOf(tree, tree.byId.get("07-a2c") as Message)).toMatchObject({ index: 1, count: 2 });
    expect(siblingsOf(tree, tree.byId.get("01-u1") as Message)).toMatchObject({ index: 0, count: 1 });
  });

  it("moves to a sibling's newest leaf", () => {
    expect(newestLeafUnder(tree, tree.byId.get("03-u2") as Message).id).toBe("04-a2");
    expect(newestLeafUnder(tree, tree.byId.get("02-a1") as Message).id).toBe("07-a2c");
  });

  it("names a message and everything under it as the branch a delete takes away", () => {
    expect(branchIds(tree, tree.byId.get("05-u2b") as Message).sort()).toEqual(["05-u2b", "06-a2b", "07-a2c"]);
    expect(branchIds(tree, tree.byId.get("04-a2") as Message)).toEqual(["04-a2"]);
  });

  it("treats a message whose parent is missing as a root instead of dropping it", () => {
    const orphan = buildTree([message("09-x", "gone")]);
    expect(ids(visiblePath(orphan, undefined))).toEqual(["09-x"]);
  });
});
