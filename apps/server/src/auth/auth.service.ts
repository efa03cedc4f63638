import { randomBytes } from "node:crypto";
import type { ChangePasswordBody, LoginBody, RegisterBody } from "@slipstream/protocol";
import { v7 as uuidv7 } from "uuid";
import type { Bus } from "../bus/index.ts";
import { AppError, tooManyRequests } from "../errors.ts";
import type { SessionRecord, Store, UserRecord } from "../store/index.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { hashPassword, verifyDecoyPassword, verifyPassword } from "./passwords.ts";
import type { SessionTokens } from "./session-tokens.ts";

export type Authenticated = { user: UserRecord; session: SessionRecord };
export type IssuedSession = Authenticated & { token: string };

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const invalidCredentials = () => new AppError("invalid_credentials", 401, "Email or password is incorrect.");

/** Accounts and revocable sessions. A session is valid only while its row exists. */
export function createAuthService({
  store,
  tokens,
  throttle,
  bus,
  sessionTtlMs,
}: {
  store: Store;
  tokens: SessionTokens;
  throttle: LoginThrottle;
  bus: Bus;
  sessionTtlMs: number;
}) {
  async function issueSession(user: UserRecord): Promise<IssuedSession> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + sessionTtlMs);
    const session = await store.sessions.createSession({
      id: randomBytes(24).toString("base64url"),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    const token = await tokens.sign({ sessionId: session.id, userId: user.id, expiresAt });
    return { user, session, token };
  }

  async function revokeSessions(sessionIds: string[]) {
    if (sessionIds.length > 0) await bus.publish("session.revoked", { sessionIds });
  }

  return {
    async register(input: RegisterBody): Promise<IssuedSession> {
      const user = await store.users.createUser({
        id: uuidv7(),
        email: normalizeEmail(input.email),
        name: input.name ?? null,
        passwordHash: await hashPassword(input.password),
        createdAt: new Date().toISOString(),
      });
      return issueSession(user);
    },

    /** Answers an unknown email exactly like a wrong password, in content and in time. */
    async login(input: LoginBody & { ip: string }): Promise<IssuedSession> {
      const email = normalizeEmail(input.email);
      const wait = await throttle.retryAfterSeconds({ email, ip: input.ip });
      if (wait > 0) throw tooManyRequests("Too many sign-in attempts. Try again later.", wait);
      const user = await store.users.findUserByEmail({ email });
      const valid = user
        ? await verifyPassword({ hash: user.passwordHash, password: input.password })
        : await verifyDecoyPassword(input.password);
      if (!user || !valid) {
        await throttle.recordFailure({ email, ip: input.ip });
        throw invalidCredentials();
      }
      await throttle.recordSuccess({ email });
      return issueSession(user);
    },

    async logout({ sessionId }: { sessionId: string }) {
      await store.sessions.deleteSession({ id: sessionId });
      await revokeSessions([sessionId]);
    },

    /** Resolves a session cookie to its user; undefined when the token is forged, expired or revoked. */
    async authenticate(token: string | undefined): Promise<Authenticated | undefined> {
      if (!token) return undefined;
      const claims = await tokens.verify(token);
      if (!claims) return undefined;
      const session = await store.sessions.findSessionById({ id: claims.sessionId });
      if (!session || session.userId !== claims.userId || session.expiresAt <= new Date().toISOString()) {
        return undefined;
      }
      const user = await store.users.findUserById({ id: session.userId });
      return user ? { user, session } : undefined;
    },

    /** Calls `handler` with the ids of sessions revoked anywhere, so that their open connections can be closed. */
    onSessionsRevoked(handler: (sessionIds: string[]) => void) {
      return bus.subscribe("session.revoked", ({ sessionIds }) => handler(sessionIds));
    },

    /** Changes the password and revokes every session of the account, issuing a fresh one to the caller. */
    async changePassword({ user, ...input }: ChangePasswordBody & { user: UserRecord }): Promise<IssuedSession> {
      if (!(await verifyPassword({ hash: user.passwordHash, password: input.currentPassword }))) {
        throw new AppError("invalid_credentials", 403, "The current password is incorrect.");
      }
      await store.users.updatePasswordHash({ id: user.id, passwordHash: await hashPassword(input.newPassword) });
      await revokeSessions(await store.sessions.deleteSessionsByUserId({ userId: user.id }));
      return issueSession(user);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
