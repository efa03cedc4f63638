import { createHash, randomBytes } from "node:crypto";
import { API_TOKEN_PREFIX, type ApiToken, type CreateApiTokenBody } from "@slipstream/protocol";
import type { Bus } from "../bus/index.ts";
import { notFound } from "../errors.ts";
import { newId } from "../ids/new-id.ts";
import type { ApiTokenRecord, Store } from "../store/index.ts";
import type { Principal } from "./principal.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many characters of the secret are kept in the clear, to tell tokens apart in a list. */
const SHOWN_PREFIX_LENGTH = 12;

/** A token's secret has 256 random bits, so one SHA-256 pass is enough: nothing to slow down a guess of. */
export const hashApiToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

export const isApiTokenSecret = (value: string) => value.startsWith(API_TOKEN_PREFIX);

export function presentApiToken(token: ApiTokenRecord): ApiToken {
  const { id, name, prefix, createdAt, expiresAt, lastUsedAt } = token;
  return { id, name, prefix, createdAt, expiresAt, lastUsedAt };
}

/** Personal API tokens (`slip_…`): shown once when created, stored as a hash, expiring, revocable. */
export function createApiTokens({ store, bus }: { store: Pick<Store, "apiTokens">; bus: Bus }) {
  return {
    async createToken({ principal, name, expiresInDays }: CreateApiTokenBody & { principal: Principal }) {
      const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
      const now = Date.now();
      const token = await store.apiTokens.createToken({
        id: newId(),
        userId: principal.userId,
        name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        tokenHash: hashApiToken(secret),
        createdAt: new Date(now).toISOString(),
        expiresAt: expiresInDays === undefined ? null : new Date(now + expiresInDays * DAY_MS).toISOString(),
        lastUsedAt: null,
      });
      return { token, secret };
    },

    listTokens({ principal }: { principal: Principal }) {
      return store.apiTokens.listTokensByUserId({ userId: principal.userId });
    },

    /** Deletes the token and closes the streams and sockets open with it, on every instance. */
    async revokeToken({ principal, id }: { principal: Principal; id: string }) {
      if (!(await store.apiTokens.deleteToken({ id, userId: principal.userId }))) throw notFound("Token");
      await bus.publish("token.revoked", { tokenIds: [id] });
    },
  };
}
export type ApiTokens = ReturnType<typeof createApiTokens>;
