import { connectionContext, providerKeyContext } from "../providers/user-models.ts";
import type { Store } from "../store/index.ts";
import type { SecretBox } from "./index.ts";
import { userSecretContext } from "./user-secrets.service.ts";

/**
 * Rewraps every stored secret whose data key an older master key wrapped, so that KEYS_MASTER_KEY_PREVIOUS can be
 * dropped afterwards. Secrets already under the current key are left alone, so running it twice is harmless.
 */
export async function rotateSecrets({
  store,
  secrets,
}: {
  store: Pick<Store, "providerKeys" | "providerConnections" | "userSecrets">;
  secrets: SecretBox;
}): Promise<{ rewrapped: number; current: number }> {
  let rewrapped = 0;
  let current = 0;
  for (const key of await store.providerKeys.listAllKeys()) {
    if (secrets.isCurrent(key.secret)) {
      current += 1;
      continue;
    }
    const secret = secrets.rewrap({ sealed: key.secret, context: providerKeyContext(key) });
    await store.providerKeys.updateKeySecret({ id: key.id, secret });
    rewrapped += 1;
  }
  for (const connection of await store.providerConnections.listConnections()) {
    if (!connection.secret) continue;
    if (secrets.isCurrent(connection.secret)) {
      current += 1;
      continue;
    }
    const secret = secrets.rewrap({ sealed: connection.secret, context: connectionContext(connection) });
    await store.providerConnections.updateConnectionSecret({ id: connection.id, secret });
    rewrapped += 1;
  }
  for (const record of await store.userSecrets.listAllSecrets()) {
    if (secrets.isCurrent(record.secret)) {
      current += 1;
      continue;
    }
    const secret = secrets.rewrap({ sealed: record.secret, context: userSecretContext(record) });
    await store.userSecrets.updateSecretEnvelope({ userId: record.userId, name: record.name, secret });
    rewrapped += 1;
  }
  return { rewrapped, current };
}
