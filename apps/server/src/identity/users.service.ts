import type { AdminCreateUserBody, AdminUpdateUserBody, UserLimitOverrides, UserLimits } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus } from "../bus/index.ts";
import { badRequest, notFound } from "../errors.ts";
import { reportRange } from "../generation/usage.service.ts";
import { effectiveLimits } from "../limits/user-limits.ts";
import type { Store, UserRecord } from "../store/index.ts";
import type { AccountService } from "./account.service.ts";
import type { Principal } from "./principal.ts";

const NO_USAGE = { generations: 0, inputTokens: 0, outputTokens: 0, costUsd: null };

/** A patch of overrides applied: a field set to null goes back to the default. */
function mergeOverrides(current: UserLimitOverrides, patch: UserLimitOverrides): UserLimitOverrides {
  const merged: Record<string, number | null | undefined> = { ...current, ...patch };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * What administrators do to accounts: list them with their limits and usage of the last 30 days, change their
 * role, disable and enable them, and override their limits.
 */
export function createUsersService({
  store,
  bus,
  access,
  limitDefaults,
  accounts,
}: {
  accounts: Pick<AccountService, "createAccount">;
  store: Store;
  bus: Bus;
  access: AccessPolicy;
  limitDefaults: UserLimits;
}) {
  async function withAccounting(users: UserRecord[]) {
    const range = reportRange({});
    const [overrides, usage] = await Promise.all([
      store.userLimits.listLimitOverrides(),
      store.usage.totalsByUser(range),
    ]);
    return users.map((user) => {
      const limitOverrides = overrides.get(user.id) ?? {};
      return {
        user,
        limits: effectiveLimits(limitDefaults, limitOverrides),
        limitOverrides,
        usage: usage.get(user.id) ?? NO_USAGE,
      };
    });
  }

  async function setLimits(userId: string, patch: UserLimitOverrides) {
    const current = await store.userLimits.findLimitOverrides({ userId });
    const overrides = mergeOverrides(current, patch);
    await store.userLimits.setLimitOverrides({ userId, overrides, now: new Date().toISOString() });
  }

  return {
    async listUsers({ principal }: { principal: Principal }) {
      access.requireAdmin({ principal, action: "admin.users" });
      return withAccounting(await store.users.listUsers());
    },

    /** Adds a password account, whether or not registration is open (ALLOW_SIGNUP). */
    async addUser({ principal, ...input }: AdminCreateUserBody & { principal: Principal }) {
      access.requireAdmin({ principal, action: "admin.users" });
      const [added] = await withAccounting([await accounts.createAccount(input)]);
      return added as NonNullable<typeof added>;
    },

    async updateUser({
      principal,
      id,
      role,
      disabled,
      limits,
    }: AdminUpdateUserBody & { principal: Principal; id: string }) {
      access.requireAdmin({ principal, action: "admin.users" });
      if (limits !== undefined && role === undefined && disabled === undefined) {
        const existing = await store.users.findUserById({ id });
        if (!existing) throw notFound("User");
        await setLimits(id, limits);
        const [updated] = await withAccounting([existing]);
        return updated as NonNullable<typeof updated>;
      }
      // An admin locking themselves out could leave nobody to undo it.
      if (id === principal.userId) throw badRequest("You cannot change your own role or disable your own account.");
      const existing = await store.users.findUserById({ id });
      if (!existing) throw notFound("User");
      const disabledAt =
        disabled === undefined ? undefined : disabled ? (existing.disabledAt ?? new Date().toISOString()) : null;
      const user = await store.users.updateUser({ id, patch: { role, disabledAt } });
      if (!user) throw notFound("User");
      if (limits !== undefined) await setLimits(id, limits);
      if (disabled && !existing.disabledAt) await bus.publish("user.disabled", { userId: id });
      if (role !== undefined && role !== existing.role) await bus.publish("user.role.changed", { userId: id });
      const [updated] = await withAccounting([user]);
      return updated as NonNullable<typeof updated>;
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
