import { randomBytes } from "node:crypto";
import type { ChangePasswordBody, LoginBody, RegisterBody } from "@slipstream/protocol";
import type { Bus } from "../bus/index.ts";
import { accountDisabled, DomainError, forbidden, isDomainError, notFound } from "../errors.ts";
import { newId } from "../ids/new-id.ts";
import type { Store, UserRecord } from "../store/index.ts";
import { hashPassword, NO_PASSWORD, verifyDecoyPassword, verifyPassword } from "./passwords.ts";
import type { Principal } from "./principal.ts";
import type { SessionTokens } from "./session-tokens.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";

export type IssuedSession = { user: UserRecord; token: string; expiresAt: string };

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const invalidCredentials = () => new DomainError("invalid_credentials", "Email or password is incorrect.");

/** Accounts and revocable sessions. A session is valid only while its row exists. */
export function createAccountService({
  store,
  tokens,
  throttle,
  bus,
  sessionTtlMs,
  adminEmails,
  allowSignup,
}: {
  store: Store;
  tokens: SessionTokens;
  throttle: SignInThrottle;
  bus: Bus;
  sessionTtlMs: number;
  /** Accounts with these (lowercase) emails are made admins when they register or sign in. */
  adminEmails: ReadonlySet<string>;
  /** When false, only administrators add password accounts (`createAccount`). */
  allowSignup: boolean;
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
    return { user, token, expiresAt: session.expiresAt };
  }

  async function revokeSessions(sessionIds: string[]) {
    if (sessionIds.length > 0) await bus.publish("session.revoked", { sessionIds });
  }

  async function getUser(principal: Principal): Promise<UserRecord> {
    const user = await store.users.findUserById({ id: principal.userId });
    if (!user) throw notFound("User");
    return user;
  }

  async function promoteIfListed(user: UserRecord): Promise<UserRecord> {
    if (user.role === "admin" || !adminEmails.has(user.email)) return user;
    return (await store.users.updateUser({ id: user.id, patch: { role: "admin" } })) ?? user;
  }

  async function createAccount(input: RegisterBody & { role?: UserRecord["role"] }): Promise<UserRecord> {
    const email = normalizeEmail(input.email);
    return store.users.createUser({
      id: newId(),
      email,
      name: input.name ?? null,
      passwordHash: await hashPassword(input.password),
      role: input.role ?? (adminEmails.has(email) ? "admin" : "user"),
      disabledAt: null,
      createdAt: new Date().toISOString(),
    });
  }

  /**
   * What a registration for a taken email gets: the same answer as a fresh one (a user, a session cookie), after
   * the same password hashing, but the session does not exist, so the next request is a 401 and nobody is signed in.
   * The owner's account is untouched.
   */
  async function decoySession(input: RegisterBody): Promise<IssuedSession> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + sessionTtlMs);
    const user: UserRecord = {
      id: newId(),
      email: normalizeEmail(input.email),
      name: input.name ?? null,
      passwordHash: NO_PASSWORD,
      role: "user",
      disabledAt: null,
      createdAt: now.toISOString(),
    };
    const sessionId = randomBytes(24).toString("base64url");
    const token = await tokens.sign({ sessionId, userId: user.id, expiresAt });
    return { user, token, expiresAt: expiresAt.toISOString() };
  }

  return {
    /** Whether anyone may register: everyone (ALLOW_SIGNUP), or only the emails in ADMIN_EMAILS. */
    signupOffered: allowSignup || adminEmails.size > 0,

    /** Answers a taken email like a fresh one, so that sign-up does not tell who has an account. */
    async register({ ip, ...input }: RegisterBody & { ip: string }): Promise<IssuedSession> {
      // The operator named ADMIN_EMAILS, so they may register even when registration is closed: the first admin.
      if (!allowSignup && !adminEmails.has(normalizeEmail(input.email))) {
        throw forbidden("Registration is closed. Ask an administrator for an account.");
      }
      await throttle.takeRegistration({ address: ip });
      try {
        return issueSession(await createAccount(input));
      } catch (error) {
        if (isDomainError(error) && error.code === "email_taken") return decoySession(input);
        throw error;
      }
    },

    /** An account an administrator adds (open or closed registration alike); a taken email is a 409 here. */
    createAccount,

    /** Answers an unknown email exactly like a wrong password, in content and in time. */
    async login(input: LoginBody & { ip: string }): Promise<IssuedSession> {
      const email = normalizeEmail(input.email);
      const guess = { account: email, address: input.ip };
      await throttle.check("login", guess);
      const user = await store.users.findUserByEmail({ email });
      const valid = user
        ? await verifyPassword({ hash: user.passwordHash, password: input.password })
        : await verifyDecoyPassword(input.password);
      if (!user || !valid) {
        await throttle.recordFailure("login", guess);
        throw invalidCredentials();
      }
      await throttle.recordSuccess("login", guess);
      if (user.disabledAt) throw accountDisabled();
      return issueSession(await promoteIfListed(user));
    },

    async logout({ sessionId }: { sessionId: string }) {
      await store.sessions.deleteSession({ id: sessionId });
      await revokeSessions([sessionId]);
    },

    getUser,

    /** A session for a user an identity provider vouched for (see `external-accounts.ts`). */
    async startSession({ user }: { user: UserRecord }): Promise<IssuedSession> {
      if (user.disabledAt) throw accountDisabled();
      return issueSession(await promoteIfListed(user));
    },

    async updateProfile({ principal, name }: { principal: Principal; name: string | null }): Promise<UserRecord> {
      const user = await store.users.updateUser({ id: principal.userId, patch: { name } });
      if (!user) throw notFound("User");
      return user;
    },

    /** Signs out every session of the account, this one included, on every instance. */
    async logoutEverywhere({ principal }: { principal: Principal }) {
      await revokeSessions(await store.sessions.deleteSessionsByUserId({ userId: principal.userId }));
    },

    /** Changes the password and revokes every session of the account, issuing a fresh one to the caller. */
    async changePassword({
      principal,
      ...input
    }: ChangePasswordBody & { principal: Principal; ip: string }): Promise<IssuedSession> {
      const user = await getUser(principal);
      // A stolen session must not become a way to guess the password it lacks.
      const guess = { account: user.id, address: input.ip };
      await throttle.check("password", guess);
      if (!(await verifyPassword({ hash: user.passwordHash, password: input.currentPassword }))) {
        await throttle.recordFailure("password", guess);
        throw new DomainError("wrong_password", "The current password is incorrect.");
      }
      await throttle.recordSuccess("password", guess);
      await store.users.updateUser({ id: user.id, patch: { passwordHash: await hashPassword(input.newPassword) } });
      await revokeSessions(await store.sessions.deleteSessionsByUserId({ userId: user.id }));
      return issueSession(user);
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
