import { createHash } from "node:crypto";
import { accountDisabled, isDomainError } from "../errors.ts";
import { newId } from "../ids/new-id.ts";
import type { Store, UserRecord } from "../store/index.ts";
import { NO_PASSWORD } from "./passwords.ts";

/** What an identity provider says about someone, from an ID token or a bearer JWT. */
export type ExternalClaims = {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
};

/**
 * An address that no mailbox has (`.invalid` is reserved): the email of an account whose provider vouched for no
 * address. It is derived from issuer and subject, so it never collides with a real account or another identity.
 */
function placeholderEmail({ issuer, subject }: ExternalClaims): string {
  const digest = createHash("sha256").update(`${issuer}\n${subject}`).digest("hex").slice(0, 32);
  return `${digest}@external.invalid`;
}

/**
 * Maps an identity provider's account (issuer + subject) to a Slipstream user, creating or linking it on first use.
 * Linking to an existing account happens only through an email the provider verified: an unverified address is
 * never stored either, since a later verified sign-in would then link into the account its claimant made.
 */
export function createExternalAccounts({ store, adminEmails }: { store: Store; adminEmails: ReadonlySet<string> }) {
  async function findLinked(claims: ExternalClaims): Promise<UserRecord | undefined> {
    const identity = await store.identities.findIdentity({ issuer: claims.issuer, subject: claims.subject });
    return identity ? store.users.findUserById({ id: identity.userId }) : undefined;
  }

  async function link(claims: ExternalClaims, user: UserRecord): Promise<UserRecord> {
    const identity = await store.identities.linkIdentity({
      issuer: claims.issuer,
      subject: claims.subject,
      userId: user.id,
      createdAt: new Date().toISOString(),
    });
    // A concurrent first sign-in may have linked another user first: that one wins everywhere.
    if (identity.userId === user.id) return user;
    return (await store.users.findUserById({ id: identity.userId })) ?? user;
  }

  async function createOrFind(claims: ExternalClaims, email: string): Promise<UserRecord> {
    try {
      return await store.users.createUser({
        id: newId(),
        email,
        name: claims.name ?? null,
        passwordHash: NO_PASSWORD,
        role: adminEmails.has(email) ? "admin" : "user",
        disabledAt: null,
        createdAt: new Date().toISOString(),
      });
    } catch (error) {
      // Taken between our look-up and the insert: by the same person's concurrent first sign-in.
      if (!isDomainError(error) || error.code !== "email_taken") throw error;
      const existing = await store.users.findUserByEmail({ email });
      if (!existing) throw error;
      return existing;
    }
  }

  return {
    /** The user behind these claims; throws `account_disabled` for a disabled one. */
    async resolveUser(claims: ExternalClaims): Promise<UserRecord> {
      let user = await findLinked(claims);
      if (!user) {
        const verifiedEmail = claims.email && claims.emailVerified ? claims.email.trim().toLowerCase() : undefined;
        const byEmail = verifiedEmail ? await store.users.findUserByEmail({ email: verifiedEmail }) : undefined;
        user = await link(claims, byEmail ?? (await createOrFind(claims, verifiedEmail ?? placeholderEmail(claims))));
      }
      if (user.disabledAt) throw accountDisabled();
      return user;
    },
  };
}
export type ExternalAccounts = ReturnType<typeof createExternalAccounts>;
