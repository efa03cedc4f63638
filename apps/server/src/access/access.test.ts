import { describe, expect, it } from "vitest";
import { createTestDomain } from "../../test/domain.ts";

describe("access policy", () => {
  it("lets the owner take every action, and tells anyone else the conversation does not exist", async () => {
    const domain = await createTestDomain();
    const owner = await domain.newPrincipal();
    const stranger = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal: owner, model: "demo/echo" });
    const { streamId } = await domain.messages.sendMessage({
      principal: owner,
      conversationId: conversation.id,
      content: "hi",
    });

    for (const action of ["conversation.read", "conversation.send", "conversation.manage"] as const) {
      await expect(
        domain.access.requireAccess({ principal: owner, action, conversationId: conversation.id }),
      ).resolves.toMatchObject({ role: "owner", conversation: { id: conversation.id } });
      await expect(
        domain.access.requireAccess({ principal: stranger, action, conversationId: conversation.id }),
      ).rejects.toMatchObject({ code: "not_found" });
      await expect(domain.access.requireStreamAccess({ principal: stranger, action, streamId })).rejects.toMatchObject({
        code: "not_found",
        message: "Stream not found.",
      });
    }
    await expect(
      domain.access.requireAccess({ principal: owner, action: "conversation.read", conversationId: "no-such-id" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(domain.access.canRead(owner, conversation)).toBe(true);
    expect(domain.access.canRead(stranger, conversation)).toBe(false);
    await domain.close();
  });

  it("lets only admins take admin actions", async () => {
    const domain = await createTestDomain();
    const user = await domain.newPrincipal();
    expect(() => domain.access.requireAdmin({ principal: user, action: "admin.users" })).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    expect(() =>
      domain.access.requireAdmin({ principal: { ...user, role: "admin" }, action: "admin.users" }),
    ).not.toThrow();
    await domain.close();
  });
});
