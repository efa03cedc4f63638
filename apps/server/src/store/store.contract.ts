import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import type { Store } from "./index.ts";
import { describeAccountingContract } from "./store.contract.accounting.ts";
import { describeAutomationContract } from "./store.contract.automation.ts";
import { describeConversationsContract } from "./store.contract.conversations.ts";
import { describeEventsContract } from "./store.contract.events.ts";
import { describeFilesContract } from "./store.contract.files.ts";
import { at, newConversation, newMessage, newSession, newUser } from "./store.contract.fixtures.ts";
import { describeIdentitiesContract } from "./store.contract.identities.ts";
import { describeImportsContract } from "./store.contract.imports.ts";
import { describeMembersContract } from "./store.contract.members.ts";
import { describeMessagesContract } from "./store.contract.messages.ts";
import { describeSearchContract } from "./store.contract.search.ts";
import { describeSpacesContract } from "./store.contract.spaces.ts";

/**
 * The behaviour every Store adapter must share. One store serves the whole suite, so each test
 * creates its own rows under fresh ids and never assumes an empty database.
 *
 * @example
 * runStoreContract({ name: "sqlite", create: () => openSqliteStore({ path }), cleanup: () => rm(dir, { recursive: true }) });
 */
export function runStoreContract({
  name,
  create,
  cleanup,
}: {
  name: string;
  create: () => Promise<Store>;
  /** Runs after the store is closed, e.g. to remove its files or database. */
  cleanup?: () => Promise<void>;
}): void {
  describe(`Store contract: ${name}`, () => {
    let opened: Store | undefined;
    const store = (): Store => {
      if (opened === undefined) throw new Error("The store under test failed to open; see the beforeAll error.");
      return opened;
    };

    beforeAll(async () => {
      opened = await create();
    });
    afterAll(async () => {
      await opened?.close();
      await cleanup?.();
    });

    it("answers ping", async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    describeUsersContract(store);
    describeSessionsContract(store);
    describeConversationsContract(store);
    describeMessagesContract(store);
    describeEventsContract(store);
    describeMembersContract(store);
    describeSearchContract(store);
    describeSpacesContract(store);
    describeImportsContract(store);
    describeIdentitiesContract(store);
    describeAccountingContract(store);
    describeAutomationContract(store);
    describeFilesContract(store);
    describeTransactionsContract(store);
    describeRoundTripContract(store);
  });
}

function describeUsersContract(store: () => Store): void {
  describe("users", () => {
    it("makes the first account ever created an admin, and no later one", async () => {
      const first = await store().users.createUser(newUser());
      expect(first.role).toBe("admin");
      const [second, third] = await Promise.all([
        store().users.createUser(newUser()),
        store().users.createUser(newUser()),
      ]);
      expect([second?.role, third?.role]).toEqual(["user", "user"]);
      expect(await store().users.findUserById({ id: first.id })).toEqual(first);
    });

    it("creates a user and finds it by id and by email", async () => {
      const user = newUser({ name: null });
      expect(await store().users.createUser(user)).toEqual(user);
      expect(await store().users.findUserById({ id: user.id })).toEqual(user);
      expect(await store().users.findUserByEmail({ email: user.email })).toEqual(user);
    });

    it("matches emails exactly, since callers store and look them up lowercased", async () => {
      const user = await store().users.createUser(newUser({ email: `mixed-${uuidv7()}@example.com` }));
      expect(await store().users.findUserByEmail({ email: user.email })).toEqual(user);
      expect(await store().users.findUserByEmail({ email: user.email.toUpperCase() })).toBeUndefined();
    });

    it("returns undefined for an unknown id or email", async () => {
      expect(await store().users.findUserById({ id: uuidv7() })).toBeUndefined();
      expect(await store().users.findUserByEmail({ email: `nobody-${uuidv7()}@example.com` })).toBeUndefined();
    });

    it("rejects a duplicate email with DomainError email_taken and keeps the first user", async () => {
      const first = await store().users.createUser(newUser());
      const error = await store()
        .users.createUser(newUser({ email: first.email }))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "email_taken" });
      expect(await store().users.findUserByEmail({ email: first.email })).toEqual(first);
    });

    it("updates only the patched fields", async () => {
      const user = await store().users.createUser(newUser());
      const patch = { passwordHash: "new-hash", role: "admin" as const, disabledAt: at({ ms: 1 }) };
      expect(await store().users.updateUser({ id: user.id, patch })).toEqual({ ...user, ...patch });
      expect(await store().users.updateUser({ id: user.id, patch: { disabledAt: null } })).toEqual({
        ...user,
        ...patch,
        disabledAt: null,
      });
      expect(await store().users.updateUser({ id: user.id, patch: {} })).toMatchObject({ passwordHash: "new-hash" });
      expect(await store().users.updateUser({ id: uuidv7(), patch: { role: "admin" } })).toBeUndefined();
    });

    it("lists users oldest first", async () => {
      const older = await store().users.createUser(newUser({ createdAt: at({ ms: -2 }) }));
      const newer = await store().users.createUser(newUser({ createdAt: at({ ms: -1 }) }));
      const ids = (await store().users.listUsers()).map((user) => user.id);
      expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    });
  });
}

function describeSessionsContract(store: () => Store): void {
  describe("sessions", () => {
    it("creates, finds and deletes a session", async () => {
      const user = await store().users.createUser(newUser());
      const session = newSession({ userId: user.id });
      expect(await store().sessions.createSession(session)).toEqual(session);
      expect(await store().sessions.findSessionById({ id: session.id })).toEqual(session);
      await store().sessions.deleteSession({ id: session.id });
      expect(await store().sessions.findSessionById({ id: session.id })).toBeUndefined();
    });

    it("deletes a user's sessions except one and returns the removed ids", async () => {
      const user = await store().users.createUser(newUser());
      const other = await store().users.createUser(newUser());
      const [first, kept, third] = [
        newSession({ userId: user.id }),
        newSession({ userId: user.id }),
        newSession({ userId: user.id }),
      ];
      const foreign = newSession({ userId: other.id });
      for (const session of [first, kept, third, foreign]) await store().sessions.createSession(session);

      const removed = await store().sessions.deleteSessionsByUserId({ userId: user.id, exceptId: kept.id });
      expect(removed.toSorted()).toEqual([first.id, third.id].toSorted());
      expect(await store().sessions.findSessionById({ id: kept.id })).toEqual(kept);
      expect(await store().sessions.findSessionById({ id: foreign.id })).toEqual(foreign);

      expect(await store().sessions.deleteSessionsByUserId({ userId: user.id })).toEqual([kept.id]);
      expect(await store().sessions.deleteSessionsByUserId({ userId: user.id })).toEqual([]);
    });

    it("deletes sessions that expire at or before now and counts them", async () => {
      const now = at({ ms: 60_000 });
      await store().sessions.deleteExpiredSessions({ now });
      const user = await store().users.createUser(newUser());
      const expired = newSession({ userId: user.id, expiresAt: at() });
      const expiringNow = newSession({ userId: user.id, expiresAt: now });
      const live = newSession({ userId: user.id, expiresAt: at({ ms: 60_001 }) });
      for (const session of [expired, expiringNow, live]) await store().sessions.createSession(session);

      expect(await store().sessions.deleteExpiredSessions({ now })).toBe(2);
      expect(await store().sessions.findSessionById({ id: expired.id })).toBeUndefined();
      expect(await store().sessions.findSessionById({ id: expiringNow.id })).toBeUndefined();
      expect(await store().sessions.findSessionById({ id: live.id })).toEqual(live);
    });
  });
}

function describeTransactionsContract(store: () => Store): void {
  describe("transaction", () => {
    it("commits the work and resolves with its result", async () => {
      const user = newUser();
      const result = await store().transaction(async (tx) => {
        await tx.users.createUser(user);
        return tx.conversations.createConversation(newConversation({ userId: user.id }));
      });
      expect(await store().users.findUserById({ id: user.id })).toEqual(user);
      expect(await store().conversations.findConversationById({ id: result.id })).toEqual(result);
    });

    it("rolls everything back and rethrows when the work throws", async () => {
      const user = newUser();
      const conversation = newConversation({ userId: user.id });
      const failure = new Error("work failed");
      await expect(
        store().transaction(async (tx) => {
          await tx.users.createUser(user);
          await tx.conversations.createConversation(conversation);
          await tx.messages.createMessage(newMessage({ conversationId: conversation.id }));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store().users.findUserById({ id: user.id })).toBeUndefined();
      expect(await store().conversations.listConversationsByUserId({ userId: user.id })).toEqual([]);
      expect(await store().messages.listMessagesByConversationId({ conversationId: conversation.id })).toEqual([]);
    });
  });
}

function describeRoundTripContract(store: () => Store): void {
  it("round-trips message parts, and stores U+0000 without failing (as U+FFFD where the database cannot hold it)", async () => {
    const user = await store().users.createUser(newUser());
    const conversation = await store().conversations.createConversation(newConversation({ userId: user.id }));
    const parts = [
      { type: "reasoning", text: "thinking\u0000 hard" },
      {
        type: "tool-weather",
        toolCallId: "call-1",
        state: "output-available",
        input: { city: "Zürich" },
        output: { c: 21 },
      },
      { type: "text", text: "It is 21 °C." },
    ];
    const content = "before\u0000after";
    const message = await store().messages.createMessage(
      newMessage({ conversationId: conversation.id, content, parts }),
    );
    const stored = await store().messages.findMessageById({ id: message.id });
    expect(stored?.parts).toEqual(parts);
    expect(stored?.content).toBe(store().kind === "postgres" ? "before\uFFFDafter" : content);
  });

  it("round-trips unicode and 100 KB of content exactly", async () => {
    const sample = "Zürich 東京 مرحبا 🧑🏽‍💻 e\u0301 \u{1F600} 'quotes' \"double\" \\ %_ \t\r\n";
    const content = sample.repeat(Math.ceil(100_000 / sample.length));
    const user = await store().users.createUser(newUser({ name: "Zoë 🦊 Ñandú" }));
    const conversation = await store().conversations.createConversation(
      newConversation({ userId: user.id, title: "Über 🚀 – „quotes“" }),
    );
    const message = await store().messages.createMessage(newMessage({ conversationId: conversation.id, content }));

    expect(content.length).toBeGreaterThanOrEqual(100_000);
    expect(await store().users.findUserById({ id: user.id })).toEqual(user);
    expect(await store().conversations.findConversationById({ id: conversation.id })).toEqual(conversation);
    expect((await store().messages.findMessageById({ id: message.id }))?.content).toBe(content);
  });
}
