import type { SlackEvents } from "../automation/slack/slack-events.ts";
import type { TriggersService } from "../automation/triggers.service.ts";
import type { WebhookTriggerIntake } from "../automation/webhook-trigger.ts";
import type { WebhooksService } from "../automation/webhooks.service.ts";
import type { ConversationService } from "../chat/conversation.service.ts";
import type { ConversationHistory } from "../chat/conversation-history.ts";
import type { ExportService } from "../chat/export.service.ts";
import type { MemberService } from "../chat/member.service.ts";
import type { MessageService } from "../chat/message.service.ts";
import type { SearchService } from "../chat/search.service.ts";
import type { ShareService } from "../chat/share.service.ts";
import type { SpaceService } from "../chat/space.service.ts";
import type { UiChatService } from "../chat/ui-chat.service.ts";
import type { FileService } from "../files/file.service.ts";
import type { DirectCompletions } from "../generation/direct-completion.ts";
import type { UsageService } from "../generation/usage.service.ts";
import type { AccountService } from "../identity/account.service.ts";
import type { ApiTokens } from "../identity/api-tokens.ts";
import type { OidcSignIn } from "../identity/oidc-sign-in.ts";
import type { Revocations } from "../identity/revocations.ts";
import type { UsersService } from "../identity/users.service.ts";
import type { ImportService } from "../imports/import.service.ts";
import type { Metrics } from "../metrics/index.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { ModelAccessService } from "../providers/model-access.service.ts";
import type { ProviderKeysService } from "../providers/provider-keys.service.ts";
import type { UserSecretsService } from "../secrets/user-secrets.service.ts";
import type { ToolRegistry } from "../tools/registry.ts";
import type { ToolSourcesService } from "../tools/tool-sources.service.ts";
import type { RequestPrincipals } from "./principals.ts";
import type { SessionCookies } from "./session-cookie.ts";

/** What the HTTP routes may call: domain services only, never a store or a socket. */
export type HttpContext = {
  accounts: AccountService;
  users: UsersService;
  principals: RequestPrincipals;
  revocations: Revocations;
  sessions: SessionCookies;
  conversations: ConversationService;
  members: MemberService;
  spaces: SpaceService;
  history: ConversationHistory;
  shares: ShareService;
  exports: ExportService;
  imports: ImportService;
  /** The largest body `POST /api/import` takes (IMPORT_MAX_BYTES). */
  importMaxBytes: number;
  search: SearchService;
  /** The server's public address (PUBLIC_URL), for links it hands out; else the request's own. */
  publicUrl?: string;
  messages: MessageService;
  /** `useChat` from the AI SDK over conversations. */
  uiChat: UiChatService;
  models: ModelRegistry;
  /** Uploads and stored files. */
  files: FileService;
  tools: ToolRegistry;
  /** MCP servers and plugins, with their state and tools. */
  toolSources: ToolSourcesService;
  /** Users' named secrets, for MCP server headers. */
  userSecrets: UserSecretsService;
  metrics: Metrics;
  providerKeys: ProviderKeysService;
  apiTokens: ApiTokens;
  usage: UsageService;
  modelAccess: ModelAccessService;
  /** The OpenAI-compatible gateway's generations, limited and metered like chat. */
  completions: DirectCompletions;
  triggers: TriggersService;
  /** Calls of webhook triggers (`POST /hooks/:id`). */
  triggerIntake: WebhookTriggerIntake;
  /** Outbound webhooks. */
  webhooks: WebhooksService;
  /** The Slack app's Events API endpoint, when Slack is configured. */
  slackEvents?: SlackEvents;
  /** Resolves when every dependency the server needs answers; rejects with the failing one otherwise. */
  checkReadiness: () => Promise<void>;
  /** Sign-in through an OpenID Connect provider, when OIDC_ISSUER is set. */
  oidc?: { signIn: OidcSignIn; publicUrl?: string };
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`. */
  metricsToken?: string;
};
