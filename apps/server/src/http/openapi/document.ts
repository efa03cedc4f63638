import { PROTOCOL_SCHEMAS, SESSION_COOKIE } from "@slipstream/protocol";
import { createDocument } from "zod-openapi";
import serverPackage from "../../../package.json" with { type: "json" };
import { adminPaths } from "./admin.paths.ts";
import { authPaths } from "./auth.paths.ts";
import { automationPaths } from "./automation.paths.ts";
import { conversationPaths } from "./conversations.paths.ts";
import { filePaths } from "./files.paths.ts";
import { keyPaths } from "./keys.paths.ts";
import { memberPaths } from "./members.paths.ts";
import { messagePaths } from "./messages.paths.ts";
import { modelPaths } from "./models.paths.ts";
import { secretPaths } from "./secrets.paths.ts";
import { servicePaths } from "./service.paths.ts";
import { sharingPaths } from "./sharing.paths.ts";
import { spacePaths } from "./spaces.paths.ts";
import { streamPaths } from "./streams.paths.ts";
import { toolPaths } from "./tools.paths.ts";
import { uiChatPaths } from "./ui-chat.paths.ts";

/** The OpenAPI 3.1 description of the HTTP API, generated from the protocol's Zod schemas. */
export function createOpenApiDocument() {
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Slipstream",
        version: serverPackage.version,
        description:
          "REST under `/api`, generation streams over SSE, and the WebSocket at `/ws`. Every error is " +
          '`{"error":{"code","message"}}` with a fitting 4xx or 5xx status.',
      },
      // Every operation needs the session cookie or an API token unless it says otherwise (`security: []`).
      security: [{ session: [] }, { token: [] }],
      tags: [
        { name: "auth", description: "Accounts and sessions." },
        { name: "models", description: "The models a conversation can use." },
        { name: "tools", description: "The tools a conversation can enable." },
        {
          name: "admin",
          description: "What administrators do: accounts, limits, models, provider connections, usage.",
        },
        { name: "keys", description: "Your provider keys, personal API tokens and usage." },
        { name: "conversations", description: "Conversations." },
        { name: "sharing", description: "Members and roles of shared conversations, their history and links." },
        { name: "spaces", description: "Groups of people whose conversations they all reach by their space role." },
        { name: "messages", description: "Messages and turns." },
        { name: "files", description: "Uploads, attachments and generated images." },
        { name: "streams", description: "Generations as resumable event streams." },
        { name: "chat", description: "The AI SDK's useChat, unchanged." },
        { name: "automation", description: "Triggers, outbound webhooks and Slack." },
        { name: "realtime", description: "The WebSocket." },
        { name: "service", description: "Health, metrics and this document." },
      ],
      paths: {
        ...authPaths,
        ...adminPaths,
        ...keyPaths,
        ...secretPaths,
        ...modelPaths,
        ...toolPaths,
        ...conversationPaths,
        ...memberPaths,
        ...spacePaths,
        ...sharingPaths,
        ...messagePaths,
        ...filePaths,
        ...streamPaths,
        ...uiChatPaths,
        ...automationPaths,
        ...servicePaths,
      },
      components: {
        schemas: PROTOCOL_SCHEMAS,
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          token: { type: "http", scheme: "bearer", description: "A personal API token, `slip_…`." },
        },
      },
    },
    {
      // Zod marks a parsed object as closed, but the contract lets responses gain fields ("extend freely"), so a
      // client must not reject one it does not know. Left open, a schema reads the same in requests and responses.
      override: ({ jsonSchema, io }) => {
        if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    },
  );
}
