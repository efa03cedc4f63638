import type { ConversationFeed } from "../chat/conversation-feed.ts";
import type { ConversationHistory } from "../chat/conversation-history.ts";
import type { MessageService } from "../chat/message.service.ts";
import type { Presence } from "../chat/presence.ts";
import type { CredentialResolver } from "../identity/credentials.ts";
import type { Revocations } from "../identity/revocations.ts";
import type { Metrics } from "../metrics/index.ts";

/** What the WebSocket gateway may call: domain services only. */
export type RealtimeContext = {
  credentials: CredentialResolver;
  revocations: Revocations;
  messages: MessageService;
  feed: ConversationFeed;
  history: ConversationHistory;
  presence: Presence;
  metrics: Pick<Metrics, "eventsStreamed" | "resumes">;
  /** Wraps the handling of each inbound frame (a trace span when telemetry is on). */
  traceFrame?: <T>(run: () => Promise<T>) => Promise<T>;
};
