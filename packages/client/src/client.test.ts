import {
  conversationResponseSchema,
  conversationsResponseSchema,
  messagesResponseSchema,
  modelsResponseSchema,
  sendMessageResponseSchema,
  sessionResponseSchema,
  toolsResponseSchema,
} from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { collect, removeDir, signedInClient, startServer, type TestServer } from "../../../apps/server/test/support.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

/** The answer exactly as the protocol describes it: parsing keeps every field and changes none. */
function expectShape<S extends z.ZodType>(schema: S, value: unknown) {
  expect(schema.parse(value)).toEqual(value);
}

describe("the SDK's answers match the protocol's response schemas", () => {
  it("for sessions, models, conversations and messages", async () => {
    const { client } = await signedInClient(server.url);
    expectShape(sessionResponseSchema, await client.auth.session());
    expectShape(modelsResponseSchema, await client.models.catalog());
    expectShape(toolsResponseSchema, { tools: await client.tools.list() });
    const conversation = await client.conversations.create({ title: "Shapes" });
    expectShape(conversationResponseSchema, { conversation });
    expectShape(conversationsResponseSchema, await client.conversations.page());
    expectShape(conversationResponseSchema, {
      conversation: await client.conversations.update(conversation.id, { title: "Shapes, renamed" }),
    });
    const sent = await client.messages.send(conversation.id, { content: "hello" });
    expectShape(sendMessageResponseSchema, sent);
    await collect(client.streams.read(sent.streamId));
    expectShape(messagesResponseSchema, { messages: await client.messages.list(conversation.id) });
  });
});
