import type { UserSecret } from "@slipstream/protocol";
import { notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";
import type { UserSecretRecord } from "../store/types.ts";
import type { SecretBox } from "./index.ts";

/** Shorter values would be given away by their last 4 characters. */
const MIN_HINTED_LENGTH = 12;

/** What a user secret is sealed under: its owner and name, so a row copied elsewhere does not open. */
export const userSecretContext = (secret: Pick<UserSecretRecord, "userId" | "name">) =>
  `user-secret:${secret.userId}:${secret.name}`;

const hintOf = (value: string) => (value.length >= MIN_HINTED_LENGTH ? `…${value.slice(-4)}` : "…");

export function presentUserSecret({ name, hint, createdAt, updatedAt }: UserSecretRecord): UserSecret {
  return { name, hint, createdAt, updatedAt };
}

/** A user's named secrets (credentials for MCP servers), sealed at rest; values leave only to fill headers. */
export function createUserSecretsService({
  store,
  secrets,
}: {
  store: Pick<Store, "userSecrets">;
  secrets: SecretBox;
}) {
  return {
    listSecrets: ({ principal }: { principal: Principal }) =>
      store.userSecrets.listSecretsByUserId({ userId: principal.userId }),

    putSecret({ principal, name, value }: { principal: Principal; name: string; value: string }) {
      const now = new Date().toISOString();
      const key = { userId: principal.userId, name };
      return store.userSecrets.putSecret({
        ...key,
        hint: hintOf(value),
        secret: secrets.seal({ plaintext: value, context: userSecretContext(key) }),
        createdAt: now,
        updatedAt: now,
      });
    },

    async deleteSecret({ principal, name }: { principal: Principal; name: string }) {
      if (!(await store.userSecrets.deleteSecret({ userId: principal.userId, name }))) throw notFound("Secret");
    },

    /** The values of the user's secrets of these names; a name the user has no secret for is absent. */
    async revealSecrets({ userId, names }: { userId: string; names: readonly string[] }): Promise<Map<string, string>> {
      const found = await store.userSecrets.findSecrets({ userId, names });
      return new Map(
        found.map((record) => [
          record.name,
          secrets.open({ sealed: record.secret, context: userSecretContext(record) }),
        ]),
      );
    },
  };
}
export type UserSecretsService = ReturnType<typeof createUserSecretsService>;
