import { describe, expect, it, vi } from "vitest";
import { createTestDomain } from "../../test/domain.ts";
import { eventually } from "../../test/support.ts";
import type { Bus, PublishedConversationEvent } from "../bus/index.ts";
import { createMemoryBus } from "../bus/memory.ts";
import { conversationEvents } from "./conversation-events.ts";

/** Every domain event the bus carries, in the order it carried them. */
function recordEvents(bus: Bus) {
  const events: PublishedConversationEvent[] = [];
  bus.subscribe("conversation.event", (event) => events.push(event));
  return events;
}

describe("domain events through the outbox", () => {
  it("records each change with the conversation's next version, and publishes them in that order", async () => {
    const domain = await createTestDomain();
    const events = recordEvents(domain.bus);
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    const { reply } = await domain.messages.sendMessage({ principal, conversationId: conversation.id, content: "hi" });
    await domain.runner.shutdown({ graceMs: 5_000 });
    await domain.conversations.updateConversation({ principal, id: conversation.id, title: "Renamed" });

    const history = await domain.store.events.listEventsAfter({
      conversationId: conversation.id,
      after: 0,
      limit: 100,
    });
    expect(history.map(({ version, type }) => [version, type])).toEqual([
      [1, "conversation.created"],
      [2, "message.created"],
      [3, "message.created"],
      [4, "conversation.updated"],
      [5, "message.updated"],
      [6, "conversation.updated"],
    ]);
    expect(history[4]?.payload).toMatchObject({ message: { id: reply.id, status: "complete" } });
    await domain.relay.idle();
    expect(events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.every((event) => event.userId === principal.userId)).toBe(true);
    await domain.relay.stop();
    expect(
      (
        await domain.store.events.claimUnpublished({
          createdBefore: new Date(Date.now() + 60_000).toISOString(),
          now: new Date().toISOString(),
          claimUntil: new Date(Date.now() + 60_000).toISOString(),
          limit: 10,
        })
      ).length,
    ).toBe(0);
    await domain.close();
  });

  it("records a conversation's deletion with its next version, though the row handing out versions goes with it", async () => {
    const domain = await createTestDomain();
    const events = recordEvents(domain.bus);
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    await domain.conversations.deleteConversation({ principal, id: conversation.id });
    const history = await domain.store.events.listEventsAfter({ conversationId: conversation.id, after: 0, limit: 10 });
    expect(history.map(({ version, type }) => [version, type])).toEqual([
      [1, "conversation.created"],
      [2, "conversation.deleted"],
    ]);
    await domain.relay.idle();
    expect(events.map((event) => [event.version, event.event.type])).toEqual([
      [1, "conversation.created"],
      [2, "conversation.deleted"],
    ]);
    await domain.close();
  });

  it("records nothing, and publishes nothing, for a change that rolls back", async () => {
    const domain = await createTestDomain();
    const events = recordEvents(domain.bus);
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    await domain.relay.idle();
    await expect(
      domain.outbox.transaction(async (tx, record) => {
        const renamed = await tx.conversations.updateConversation({ id: conversation.id, patch: { title: "Never" } });
        if (renamed) await record({ conversationId: conversation.id, event: conversationEvents.updated(renamed) });
        throw new Error("the change fails after recording its event");
      }),
    ).rejects.toThrow("the change fails");
    await domain.relay.stop();
    expect(events).toHaveLength(1);
    expect(await domain.store.events.listEventsAfter({ conversationId: conversation.id, after: 1, limit: 10 })).toEqual(
      [],
    );
    expect((await domain.store.conversations.findConversationById({ id: conversation.id }))?.version).toBe(1);
    await domain.close();
  });

  it("keeps what the bus refused in the outbox, counts the failure, and publishes it on the next sweep", async () => {
    const bus = createMemoryBus();
    let busDown = true;
    const flaky: Bus = {
      ...bus,
      publish: async (topic, payload) => {
        if (busDown && topic === "conversation.event") throw new Error("Redis is away");
        return bus.publish(topic, payload);
      },
    };
    // Rows are orphans at once here, so a sweep takes them without waiting.
    const domain = await createTestDomain({ bus: flaky, orphanAfterMs: 0 });
    const events = recordEvents(bus);
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    await domain.relay.idle();
    expect(events).toEqual([]);
    const failures = await domain.metrics.backgroundErrors.get();
    expect(failures.values.find((value) => value.labels.operation === "event publish")?.value).toBe(1);

    busDown = false;
    await domain.relay.sweep();
    await domain.relay.sweep();
    expect(events.map((event) => [event.conversationId, event.version, event.event.type])).toEqual([
      [conversation.id, 1, "conversation.created"],
    ]);
    await domain.close();
  });

  it("publishes in order the changes committed while a publish waits on the bus, and marks them published in one write", async () => {
    const bus = createMemoryBus();
    let open: () => void = () => {};
    let gate: Promise<void> | undefined = new Promise<void>((resolve) => (open = resolve));
    const slow: Bus = {
      ...bus,
      publish: async (topic, payload) => {
        if (topic === "conversation.event" && gate) await gate;
        return bus.publish(topic, payload);
      },
    };
    const domain = await createTestDomain({ bus: slow });
    const events = recordEvents(bus);
    const marked = vi.spyOn(domain.store.events, "markPublished");
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    for (const title of ["One", "Two", "Three"]) {
      await domain.conversations.updateConversation({ principal, id: conversation.id, title });
    }
    gate = undefined;
    open();
    await domain.relay.idle();
    expect(events.map((event) => event.version)).toEqual([1, 2, 3, 4]);
    expect(marked.mock.calls.map(([{ ids }]) => ids.length)).toEqual([1, 3]);
    const unpublished = await domain.store.events.claimUnpublished({
      createdBefore: new Date(Date.now() + 60_000).toISOString(),
      now: new Date().toISOString(),
      claimUntil: new Date(Date.now() + 60_000).toISOString(),
      limit: 10,
    });
    expect(unpublished).toEqual([]);
    await domain.close();
  });
  it("publishes the next changes while the write marking earlier ones runs, and marks those in one write", async () => {
    const bus = createMemoryBus();
    const domain = await createTestDomain({ bus });
    const events = recordEvents(bus);
    const write = domain.store.events.markPublished.bind(domain.store.events);
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const marked = vi.spyOn(domain.store.events, "markPublished").mockImplementation(async (input) => {
      await gate;
      return write(input);
    });
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    for (const title of ["One", "Two", "Three"]) {
      await domain.conversations.updateConversation({ principal, id: conversation.id, title });
    }
    await eventually(() => expect(events.map((event) => event.version)).toEqual([1, 2, 3, 4]));
    expect(marked).toHaveBeenCalledTimes(1);
    open();
    await domain.relay.idle();
    expect(marked.mock.calls.map(([{ ids }]) => ids.length)).toEqual([1, 3]);
    await domain.close();
  });
});
