import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Store } from "./types.ts";

/**
 * An upgrade from the first released schema (migrations up to 0002) keeps every row and fills what the newer
 * columns need: the oldest account becomes the first admin, messages get their text as their one part.
 */
export function describeUpgradeContract({
  name,
  openAtFirstRelease,
  reopen,
}: {
  name: string;
  openAtFirstRelease: () => Promise<Store>;
  reopen: () => Promise<Store>;
}): void {
  describe(`upgrading a ${name} database of the first release`, () => {
    it("keeps its rows, makes the oldest account admin and gives messages their text as parts", async () => {
      const old = await openAtFirstRelease();
      await old.transaction(async (tx) => {
        const db = tx.handle as Kysely<unknown>;
        await sql`insert into users (id, email, name, password_hash, created_at) values
          ('u-new', 'new@example.test', null, 'h', '2025-02-01T00:00:00.000Z'),
          ('u-old', 'old@example.test', 'Old', 'h', '2025-01-01T00:00:00.000Z')`.execute(db);
        await sql`insert into conversations (id, user_id, title, model, created_at, updated_at) values
          ('c-1', 'u-old', 'Kept', 'demo/echo', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z')`.execute(db);
        await sql`insert into messages (id, conversation_id, parent_id, role, content, model, status, error, stream_id, created_at, updated_at) values
          ('m-1', 'c-1', null, 'user', 'Hello "there"', null, 'complete', null, null, '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z'),
          ('m-2', 'c-1', 'm-1', 'assistant', '', 'demo/echo', 'error', 'boom', 's-1', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z')`.execute(
          db,
        );
      });
      await old.close();

      const store = await reopen();
      try {
        expect((await store.users.findUserById({ id: "u-old" }))?.role).toBe("admin");
        expect(await store.users.findUserById({ id: "u-new" })).toMatchObject({ role: "user", disabledAt: null });
        expect(await store.conversations.findConversationById({ id: "c-1" })).toMatchObject({
          title: "Kept",
          version: 1,
        });
        const [question, reply] = await store.messages.listMessagesByConversationId({ conversationId: "c-1" });
        expect(question?.parts).toEqual([{ type: "text", text: 'Hello "there"' }]);
        expect(reply?.parts).toEqual([]);
        expect(await store.conversations.nextVersion({ id: "c-1" })).toEqual({ version: 2, userId: "u-old" });
      } finally {
        await store.close();
      }
    });
  });
}
