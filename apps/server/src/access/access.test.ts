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
    expect(await domain.access.roleOf(owner, conversation)).toBe("owner");
    expect(await domain.access.roleOf(stranger, conversation)).toBeUndefined();
    await domain.close();
  });

  it("answers whether someone may act, and rejects when it cannot find out instead of answering no", async () => {
    const domain = await createTestDomain();
    const owner = await domain.newPrincipal();
    const stranger = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal: owner, model: "demo/echo" });
    const ask = (principal: typeof owner) =>
      domain.access.mayAccess({ principal, action: "conversation.read", conversationId: conversation.id });
    expect(await ask(owner)).toBe(true);
    expect(await ask(stranger)).toBe(false);
    await domain.close();
    await expect(ask(owner)).rejects.toThrow();
  });

  it("gives each member the actions of their role: viewers read, editors also send, only the owner manages", async () => {
    const domain = await createTestDomain();
    const owner = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal: owner, model: "demo/echo" });
    const expected = {
      editor: { "conversation.read": true, "conversation.send": true, "conversation.manage": false },
      viewer: { "conversation.read": true, "conversation.send": false, "conversation.manage": false },
    } as const;
    for (const [role, actions] of Object.entries(expected)) {
      const member = await domain.newPrincipal();
      await domain.store.members.upsertMember({
        conversationId: conversation.id,
        userId: member.userId,
        role: role as "editor" | "viewer",
        addedBy: owner.userId,
        createdAt: new Date().toISOString(),
      });
      for (const [action, allowed] of Object.entries(actions)) {
        const attempt = domain.access.requireAccess({
          principal: member,
          action: action as keyof typeof actions,
          conversationId: conversation.id,
        });
        if (allowed) await expect(attempt).resolves.toMatchObject({ role });
        else await expect(attempt).rejects.toMatchObject({ code: "forbidden" });
      }
    }
    await domain.close();
  });

  it("gives a space's people their space role in its conversations, or a stronger one they hold directly", async () => {
    const domain = await createTestDomain();
    const owner = await domain.newPrincipal();
    const viewer = await domain.newPrincipal();
    const promoted = await domain.newPrincipal();
    const stranger = await domain.newPrincipal();
    const now = new Date().toISOString();
    const space = await domain.store.spaces.createSpace({
      id: "space-1",
      userId: owner.userId,
      name: "Lab",
      createdAt: now,
      updatedAt: now,
    });
    for (const member of [viewer, promoted]) {
      await domain.store.spaces.upsertSpaceMember({
        spaceId: space.id,
        userId: member.userId,
        role: "viewer",
        addedBy: owner.userId,
        createdAt: now,
      });
    }
    // Someone else's conversation in the space.
    const author = await domain.newPrincipal();
    const conversation = await domain.store.conversations.createConversation({
      id: "conversation-1",
      userId: author.userId,
      title: "Notes",
      model: "demo/echo",
      version: 0,
      spaceId: space.id,
      createdAt: now,
      updatedAt: now,
    });
    await domain.store.members.upsertMember({
      conversationId: conversation.id,
      userId: promoted.userId,
      role: "editor",
      addedBy: author.userId,
      createdAt: now,
    });
    expect(await domain.access.roleOf(owner, conversation)).toBe("owner");
    expect(await domain.access.roleOf(viewer, conversation)).toBe("viewer");
    expect(await domain.access.roleOf(promoted, conversation)).toBe("editor");
    expect(await domain.access.roleOf(stranger, conversation)).toBeUndefined();
    await expect(
      domain.access.requireAccess({ principal: viewer, action: "conversation.send", conversationId: conversation.id }),
    ).rejects.toMatchObject({ code: "forbidden" });

    await expect(
      domain.access.requireSpaceAccess({ principal: viewer, action: "space.read", spaceId: space.id }),
    ).resolves.toMatchObject({ role: "viewer" });
    await expect(
      domain.access.requireSpaceAccess({ principal: viewer, action: "space.contribute", spaceId: space.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      domain.access.requireSpaceAccess({ principal: owner, action: "space.manage", spaceId: space.id }),
    ).resolves.toMatchObject({ role: "owner" });
    await expect(
      domain.access.requireSpaceAccess({ principal: stranger, action: "space.read", spaceId: space.id }),
    ).rejects.toMatchObject({ code: "not_found", message: "Space not found." });
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
