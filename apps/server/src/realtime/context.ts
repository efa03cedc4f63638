import type { AuthService } from "../auth/auth.service.ts";
import type { ConversationFeed } from "../chat/conversation-feed.ts";
import type { MessageService } from "../chat/message.service.ts";
import type { Metrics } from "../metrics/index.ts";

/** What the WebSocket gateway may call: domain services only. */
export type RealtimeContext = {
  auth: AuthService;
  messages: MessageService;
  feed: ConversationFeed;
  metrics: Pick<Metrics, "eventsStreamed" | "resumes">;
};
