import { DomainError } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";

/**
 * The principal a trigger run or a Slack answer acts as: the account that owns it, so that its keys, limits and
 * access rules apply as if that person had sent the message. A disabled or deleted account runs nothing.
 */
export async function automationPrincipal({ store, userId }: { store: Store; userId: string }): Promise<Principal> {
  const user = await store.users.findUserById({ id: userId });
  if (!user || user.disabledAt !== null) {
    throw new DomainError("account_disabled", "The account this automation belongs to is disabled or gone.");
  }
  return { userId: user.id, role: user.role, via: "automation" };
}
