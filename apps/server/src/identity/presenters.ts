import type { User } from "@slipstream/protocol";
import type { UserRecord } from "../store/index.ts";

export function presentUser(user: UserRecord): User {
  const { id, email, name, role, disabledAt, createdAt } = user;
  return { id, email, name, role, disabled: disabledAt !== null, createdAt };
}
