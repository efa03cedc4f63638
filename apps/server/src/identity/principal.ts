import type { UserRole } from "../store/index.ts";

/** Who is asking, however they proved it: the one input of every access decision. */
export type Principal = {
  userId: string;
  role: UserRole;
  via: "session" | "token" | "jwt";
  /** The session a cookie belongs to, so that revoking it reaches this request's open streams. */
  sessionId?: string;
  /** The API token a `Bearer slip_…` request came with, so that revoking it reaches this request's open streams. */
  tokenId?: string;
};
