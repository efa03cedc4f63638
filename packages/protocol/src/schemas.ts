import {
  adminModelResponseSchema,
  adminModelSchema,
  adminModelsResponseSchema,
  adminUpdateModelBodySchema,
  adminUpdateUserBodySchema,
  adminUserResponseSchema,
  adminUserSchema,
  adminUsersResponseSchema,
  createProviderConnectionBodySchema,
  providerConnectionResponseSchema,
  providerConnectionSchema,
  providerConnectionsResponseSchema,
} from "./admin.ts";
import {
  authProviderSchema,
  authProvidersResponseSchema,
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  sessionResponseSchema,
  updateProfileBodySchema,
  userSchema,
} from "./auth.ts";
import { errorBodySchema } from "./common.ts";
import {
  conversationListItemSchema,
  conversationResponseSchema,
  conversationSchema,
  conversationsResponseSchema,
  createConversationBodySchema,
  modelSchema,
  modelsResponseSchema,
  providerStatusSchema,
  updateConversationBodySchema,
} from "./conversations.ts";
import { conversationEventSchema, eventsResponseSchema, versionedConversationEventSchema } from "./events.ts";
import { healthResponseSchema } from "./health.ts";
import {
  createProviderKeyBodySchema,
  providerKeyResponseSchema,
  providerKeySchema,
  providerKeysResponseSchema,
} from "./keys.ts";
import {
  addMemberBodySchema,
  conversationRoleSchema,
  memberResponseSchema,
  memberSchema,
  membersResponseSchema,
  updateMemberBodySchema,
} from "./members.ts";
import {
  messagePartSchema,
  messageSchema,
  messageStatusSchema,
  messagesResponseSchema,
  sendMessageBodySchema,
  sendMessageResponseSchema,
} from "./messages.ts";
import { clientFrameSchema, presenceUserSchema, serverFrameSchema } from "./realtime.ts";
import {
  exportedConversationSchema,
  exportSchema,
  searchResponseSchema,
  searchResultSchema,
  sharedConversationSchema,
  shareResponseSchema,
  shareSchema,
  sharesResponseSchema,
} from "./sharing.ts";
import { conversationSnapshotSchema } from "./snapshot.ts";
import { streamGonePartSchema, streamPartSchema } from "./stream-parts.ts";
import { cancelStreamResponseSchema } from "./streams.ts";
import {
  apiTokenSchema,
  apiTokensResponseSchema,
  createApiTokenBodySchema,
  createApiTokenResponseSchema,
} from "./tokens.ts";
import { toolSchema, toolsResponseSchema } from "./tools.ts";
import { uiChatRequestSchema } from "./ui-chat.ts";
import { messageUsageSchema, usageReportSchema, usageResponseSchema, userLimitsSchema } from "./usage.ts";

/**
 * Every named schema of the protocol: bodies, responses, the records they hold, frames and stream parts. The JSON
 * Schema (`protocol.schema.json`) and the OpenAPI document both take their definitions from here.
 */
export const PROTOCOL_SCHEMAS = {
  ErrorBody: errorBodySchema,
  User: userSchema,
  RegisterBody: registerBodySchema,
  LoginBody: loginBodySchema,
  ChangePasswordBody: changePasswordBodySchema,
  SessionResponse: sessionResponseSchema,
  AuthProvider: authProviderSchema,
  AuthProvidersResponse: authProvidersResponseSchema,
  AdminUsersResponse: adminUsersResponseSchema,
  AdminUpdateUserBody: adminUpdateUserBodySchema,
  AdminUserResponse: adminUserResponseSchema,
  AdminUser: adminUserSchema,
  UserLimits: userLimitsSchema,
  UpdateProfileBody: updateProfileBodySchema,
  AdminModel: adminModelSchema,
  AdminModelsResponse: adminModelsResponseSchema,
  AdminUpdateModelBody: adminUpdateModelBodySchema,
  AdminModelResponse: adminModelResponseSchema,
  ProviderConnection: providerConnectionSchema,
  CreateProviderConnectionBody: createProviderConnectionBodySchema,
  ProviderConnectionResponse: providerConnectionResponseSchema,
  ProviderConnectionsResponse: providerConnectionsResponseSchema,
  ProviderKey: providerKeySchema,
  CreateProviderKeyBody: createProviderKeyBodySchema,
  ProviderKeyResponse: providerKeyResponseSchema,
  ProviderKeysResponse: providerKeysResponseSchema,
  ApiToken: apiTokenSchema,
  CreateApiTokenBody: createApiTokenBodySchema,
  CreateApiTokenResponse: createApiTokenResponseSchema,
  ApiTokensResponse: apiTokensResponseSchema,
  MessageUsage: messageUsageSchema,
  UsageReport: usageReportSchema,
  UsageResponse: usageResponseSchema,
  Model: modelSchema,
  ProviderStatus: providerStatusSchema,
  ModelsResponse: modelsResponseSchema,
  Conversation: conversationSchema,
  CreateConversationBody: createConversationBodySchema,
  UpdateConversationBody: updateConversationBodySchema,
  ConversationResponse: conversationResponseSchema,
  ConversationListItem: conversationListItemSchema,
  ConversationsResponse: conversationsResponseSchema,
  ConversationRole: conversationRoleSchema,
  Member: memberSchema,
  AddMemberBody: addMemberBodySchema,
  UpdateMemberBody: updateMemberBodySchema,
  MemberResponse: memberResponseSchema,
  MembersResponse: membersResponseSchema,
  ConversationEvent: conversationEventSchema,
  VersionedConversationEvent: versionedConversationEventSchema,
  EventsResponse: eventsResponseSchema,
  ConversationSnapshot: conversationSnapshotSchema,
  PresenceUser: presenceUserSchema,
  Share: shareSchema,
  ShareResponse: shareResponseSchema,
  SharesResponse: sharesResponseSchema,
  SharedConversation: sharedConversationSchema,
  Export: exportSchema,
  ExportedConversation: exportedConversationSchema,
  SearchResult: searchResultSchema,
  SearchResponse: searchResponseSchema,
  MessageStatus: messageStatusSchema,
  MessagePart: messagePartSchema,
  Message: messageSchema,
  SendMessageBody: sendMessageBodySchema,
  SendMessageResponse: sendMessageResponseSchema,
  MessagesResponse: messagesResponseSchema,
  StreamPart: streamPartSchema,
  StreamGonePart: streamGonePartSchema,
  CancelStreamResponse: cancelStreamResponseSchema,
  HealthResponse: healthResponseSchema,
  Tool: toolSchema,
  ToolsResponse: toolsResponseSchema,
  UiChatRequest: uiChatRequestSchema,
  ClientFrame: clientFrameSchema,
  ServerFrame: serverFrameSchema,
};
