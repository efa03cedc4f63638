import type { AdminUpdateUserBody } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus } from "../bus/index.ts";
import { badRequest, notFound } from "../errors.ts";
import type { Store } from "../store/index.ts";
import type { Principal } from "./principal.ts";

/** What administrators do to accounts: list them, change their role, disable and enable them. */
export function createUsersService({ store, bus, access }: { store: Store; bus: Bus; access: AccessPolicy }) {
  return {
    async listUsers({ principal }: { principal: Principal }) {
      access.requireAdmin({ principal, action: "admin.users" });
      return store.users.listUsers();
    },

    async updateUser({ principal, id, role, disabled }: AdminUpdateUserBody & { principal: Principal; id: string }) {
      access.requireAdmin({ principal, action: "admin.users" });
      // An admin locking themselves out could leave nobody to undo it.
      if (id === principal.userId) throw badRequest("You cannot change your own role or disable your own account.");
      const existing = await store.users.findUserById({ id });
      if (!existing) throw notFound("User");
      const disabledAt =
        disabled === undefined ? undefined : disabled ? (existing.disabledAt ?? new Date().toISOString()) : null;
      const user = await store.users.updateUser({ id, patch: { role, disabledAt } });
      if (!user) throw notFound("User");
      if (disabled && !existing.disabledAt) await bus.publish("user.disabled", { userId: id });
      return user;
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
