import type { UserRole } from "../store/index.ts";

/** Who is asking, however they proved it: the one input of every access decision. */
export type Principal = {
  userId: string;
  role: UserRole;
  /** `automation`: a trigger or the Slack app acting for the account that owns it. */
  via: "session" | "token" | "jwt" | "automation";
  /** The session a cookie belongs to, so that revoking it reaches this request's open streams. */
  sessionId?: string;
  /** The API token a `Bearer slip_…` request came with, so that revoking it reaches this request's open streams. */
  tokenId?: string;
};
