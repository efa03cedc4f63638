import type { AdminUser, UsageTotals, User, UserLimitOverrides, UserLimits } from "@slipstream/protocol";
import type { UserRecord } from "../store/index.ts";

export function presentUser(user: UserRecord): User {
  const { id, email, name, role, disabledAt, createdAt } = user;
  return { id, email, name, role, disabled: disabledAt !== null, createdAt };
}

export function presentAdminUser({
  user,
  limits,
  limitOverrides,
  usage,
}: {
  user: UserRecord;
  limits: UserLimits;
  limitOverrides: UserLimitOverrides;
  usage: UsageTotals;
}): AdminUser {
  return { ...presentUser(user), limits, limitOverrides, usage };
}
