import type { User } from "@slipstream/protocol";
import type { UserRecord } from "../store/index.ts";

export function presentUser(user: UserRecord): User {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}
