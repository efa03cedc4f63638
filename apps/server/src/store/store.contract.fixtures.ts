import { v7 as uuidv7 } from "uuid";
import type { NewConversation, NewMessage, SessionRecord, Timestamp, UserRecord } from "./types.ts";

const EPOCH = Date.parse("2030-01-01T00:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;

/** A fixed point in time shifted by `ms`, so tests control ordering instead of racing the clock. */
export function at({ ms = 0 }: { ms?: number } = {}): Timestamp {
  return new Date(EPOCH + ms).toISOString();
}

export function newUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: uuidv7(),
    email: `user-${uuidv7()}@example.com`,
    name: "Ada Lovelace",
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    role: "user",
    disabledAt: null,
    createdAt: at(),
    ...overrides,
  };
}

export function newSession({ userId, ...overrides }: Partial<SessionRecord> & { userId: string }): SessionRecord {
  return { id: uuidv7(), userId, createdAt: at(), expiresAt: at({ ms: 30 * DAY_MS }), ...overrides };
}

export function newConversation({
  userId,
  ...overrides
}: Partial<NewConversation> & { userId: string }): NewConversation {
  return {
    id: uuidv7(),
    userId,
    title: "A chat",
    model: "demo:echo",
    version: 0,
    systemPrompt: "",
    params: {},
    tools: [],
    spaceId: null,
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}

export function newMessage({
  conversationId,
  ...overrides
}: Partial<NewMessage> & { conversationId: string }): NewMessage {
  return {
    id: uuidv7(),
    conversationId,
    parentId: null,
    role: "user",
    content: "Hello there",
    parts: [{ type: "text", text: "Hello there" }],
    model: null,
    status: "complete",
    error: null,
    streamId: null,
    authorId: null,
    usage: null,
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}
