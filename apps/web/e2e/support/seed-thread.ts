import { openStore } from "../../../server/src/store/index.ts";

/**
 * Writes a linear thread of `count` messages (question, answer, …) straight into the server's SQLite
 * database: sending them through the API would take minutes, and only the reading side is under test.
 */
export async function seedThread({
  dataDir,
  conversationId,
  count,
  answer,
}: {
  dataDir: string;
  conversationId: string;
  count: number;
  answer: string;
}) {
  const store = await openStore({ kind: "sqlite", path: `${dataDir}/slipstream.db` });
  try {
    await store.transaction(async (tx) => {
      let parentId: string | null = null;
      for (let index = 0; index < count; index += 1) {
        const at = new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString();
        const question = index % 2 === 0;
        // Ids sort in creation order, as the server's UUIDv7 ids do.
        const id = `seed-${String(index).padStart(6, "0")}`;
        const content = question ? `Question number ${index / 2 + 1}?` : answer;
        await tx.messages.createMessage({
          id,
          conversationId,
          parentId,
          role: question ? "user" : "assistant",
          content,
          parts: [{ type: "text", text: content }],
          model: question ? null : "demo/echo",
          status: "complete",
          error: null,
          streamId: null,
          createdAt: at,
          updatedAt: at,
        });
        parentId = id;
      }
    });
  } finally {
    await store.close();
  }
}
