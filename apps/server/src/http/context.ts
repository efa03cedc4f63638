import type { AuthService } from "../auth/auth.service.ts";
import type { ConversationService } from "../chat/conversation.service.ts";
import type { MessageService } from "../chat/message.service.ts";
import type { Metrics } from "../metrics/index.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { SessionCookies } from "./session-cookie.ts";

/** What the HTTP routes may call: domain services only, never a store or a socket. */
export type HttpContext = {
  auth: AuthService;
  sessions: SessionCookies;
  conversations: ConversationService;
  messages: MessageService;
  models: ModelRegistry;
  metrics: Metrics;
  /** Resolves when every dependency the server needs answers; rejects with the failing one otherwise. */
  checkReadiness: () => Promise<void>;
};
