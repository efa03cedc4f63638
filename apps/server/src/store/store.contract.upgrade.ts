import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Store } from "./types.ts";

/** A database migrated up to a shipped migration, and a way to open it again with every migration. */
type OpenAtRelease = (lastMigration: string) => Promise<{ old: Store; reopen: () => Promise<Store> }>;

/** The one account of an upgrade test, `u-1`, in the users table as every release since roles had it. */
const insertAdmin = (db: Kysely<unknown>) =>
  sql`insert into users (id, email, name, password_hash, created_at, role) values
    ('u-1', 'one@example.test', null, 'h', '2026-11-01T00:00:00.000Z', 'admin')`.execute(db);

/**
 * Upgrades keep every row and fill what the newer columns need. From the first release (migrations up to 0002)
 * the oldest account becomes the first admin and messages get their text as their one part; from a release that
 * had conversation tools (up to 0012) the tools stay and the later settings take their defaults; from one with
 * shared conversations but no spaces (up to 0022) conversations stay where they were, in no space; from one that
 * indexed replies while they streamed (up to 0027) a streaming reply leaves the search index until it finishes.
 */
export function describeUpgradeContract({ name, openAtRelease }: { name: string; openAtRelease: OpenAtRelease }): void {
  describe(`upgrading a ${name} database`, () => {
    it("of the first release keeps its rows, makes the oldest account admin and gives messages their text as parts", async () => {
      const { old, reopen } = await openAtRelease("0002_sweep_index");
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
        expect(await store.conversations.nextVersions({ id: "c-1", count: 1 })).toEqual({ first: 2, userId: "u-old" });
      } finally {
        await store.close();
      }
    });

    it("of the release with conversation tools keeps them and gives the conversation default settings", async () => {
      const { old, reopen } = await openAtRelease("0012_conversation_tools");
      await old.transaction(async (tx) => {
        const db = tx.handle as Kysely<unknown>;
        await insertAdmin(db);
        await sql`insert into conversations (id, user_id, title, model, created_at, updated_at, version, tools) values
          ('c-1', 'u-1', 'Tools', 'demo/echo', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z', 3, '["run_code"]')`.execute(
          db,
        );
      });
      await old.close();

      const store = await reopen();
      try {
        expect(await store.conversations.findConversationById({ id: "c-1" })).toMatchObject({
          title: "Tools",
          version: 3,
          tools: ["run_code"],
          systemPrompt: "",
          params: {},
        });
        expect(await store.providerKeys.listKeysByUserId({ userId: "u-1" })).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("of the release with shared conversations keeps them and their members, outside any space", async () => {
      const { old, reopen } = await openAtRelease("0022_conversation_shares");
      await old.transaction(async (tx) => {
        const db = tx.handle as Kysely<unknown>;
        await sql`insert into users (id, email, name, password_hash, created_at, role) values
          ('u-1', 'one@example.test', null, 'h', '2026-11-01T00:00:00.000Z', 'admin'),
          ('u-2', 'two@example.test', null, 'h', '2026-11-01T00:00:00.000Z', 'user')`.execute(db);
        await sql`insert into conversations (id, user_id, title, model, created_at, updated_at, version) values
          ('c-1', 'u-1', 'Shared', 'demo/echo', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z', 2)`.execute(db);
        await sql`insert into conversation_members (conversation_id, user_id, role, added_by, created_at) values
          ('c-1', 'u-2', 'viewer', 'u-1', '2026-11-02T00:00:00.000Z')`.execute(db);
      });
      await old.close();

      const store = await reopen();
      try {
        expect(await store.conversations.findConversationById({ id: "c-1" })).toMatchObject({ spaceId: null });
        expect(
          (await store.conversations.listReadableConversations({ userId: "u-2" })).map(({ id, role }) => [id, role]),
        ).toEqual([["c-1", "viewer"]]);
        expect(await store.spaces.listSpacesOfUser({ userId: "u-1" })).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("of the release that indexed replies as they streamed finds a reply that was streaming by its final text", async () => {
      const { old, reopen } = await openAtRelease("0027_spaces");
      await old.transaction(async (tx) => {
        const db = tx.handle as Kysely<unknown>;
        await insertAdmin(db);
        await sql`insert into conversations (id, user_id, title, model, created_at, updated_at, version) values
          ('c-1', 'u-1', 'Plans', 'demo/echo', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z', 2)`.execute(db);
        await sql`insert into messages (id, conversation_id, parent_id, role, content, model, status, stream_id, created_at, updated_at) values
          ('m-1', 'c-1', null, 'assistant', 'caravel halfway', 'demo/echo', 'streaming', 's-1', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z')`.execute(
          db,
        );
      });
      await old.close();

      const store = await reopen();
      try {
        const find = async (query: string) =>
          (await store.search.search({ userId: "u-1", query, limit: 10 })).map((hit) => hit.messageId);
        expect(await find("caravel")).toEqual([]);
        await store.messages.updateMessage({ id: "m-1", patch: { content: "galleon at last", status: "complete" } });
        expect(await find("galleon")).toEqual(["m-1"]);
        expect(await find("caravel")).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
