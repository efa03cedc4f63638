import { describe, expect, it } from "vitest";
import { createTestDomain } from "../../test/domain.ts";
import { eventually } from "../../test/support.ts";
import type { Store } from "../store/index.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { databaseUnavailable } from "../store/unavailable.ts";
import type { StreamLog } from "../streams/index.ts";
import { createMemoryStreamLog } from "../streams/memory.ts";
import { LOG_GAP_NOTICE } from "./turn-runner.ts";

/** A stream log whose `failing`th append fails, as during a short Redis outage, and later ones work again. */
function failingOnce(failing: number, log: StreamLog): StreamLog {
  let appended = 0;
  return {
    ...log,
    append: async (input) => {
      appended += 1;
      if (appended === failing) throw new Error("stream log is down");
      return log.append(input);
    },
  };
}

describe("turn runner", () => {
  it("saves the whole reply when the stream log fails mid-answer, and tells followers their stream has a gap", async () => {
    const streams = failingOnce(4, createMemoryStreamLog({ retentionMs: 60_000 }));
    const domain = await createTestDomain({ streams });
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    const { reply, streamId } = await domain.messages.sendMessage({
      principal,
      conversationId: conversation.id,
      content: "hello",
    });
    await domain.runner.shutdown({ graceMs: 5_000 });
    const saved = await domain.store.messages.findMessageById({ id: reply.id });
    expect(saved).toMatchObject({ status: "complete", error: null });
    expect(saved?.content).toMatch(/You said: hello$/);
    expect(saved?.parts).toEqual([{ type: "step-start" }, { type: "text", text: saved?.content, state: "done" }]);
    const logged = [];
    for await (const event of streams.read({ streamId, after: 0 })) logged.push(event.part);
    expect(logged.at(-1)).toEqual({ type: "error", errorText: LOG_GAP_NOTICE });
    await domain.close();
  });

  it("keeps a finished reply until the store is back, and ends its stream only once it is saved", async () => {
    const real = await openSqliteStore({ path: ":memory:" });
    let down = false;
    const unavailable = () => Promise.reject(new Error("Connection terminated unexpectedly"));
    const store: Store = {
      ...real,
      transaction: (work) => (down ? unavailable() : real.transaction(work)),
      ping: () => (down ? unavailable() : real.ping()),
    };
    const domain = await createTestDomain({ store });
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    const { reply, streamId } = await domain.messages.sendMessage({
      principal,
      conversationId: conversation.id,
      content: "hello",
    });
    down = true;
    let ended = false;
    const read = (async () => {
      const parts = [];
      for await (const event of domain.streams.read({ streamId, after: 0 })) parts.push(event.part);
      ended = true;
      return parts;
    })();
    const retries = async () => (await domain.metrics.finalWriteRetries.get()).values[0]?.value ?? 0;
    await eventually(async () => expect(await retries()).toBeGreaterThanOrEqual(2));
    expect(ended).toBe(false);
    expect((await real.messages.findMessageById({ id: reply.id }))?.status).toBe("streaming");

    down = false;
    const parts = await read;
    const saved = await real.messages.findMessageById({ id: reply.id });
    expect(saved).toMatchObject({ status: "complete", error: null });
    expect(
      parts
        .filter((part) => part.type === "text-delta")
        .map((part) => part.delta)
        .join(""),
    ).toBe(saved?.content);
    await domain.close();
  });

  it("streams an accepted reply whole while the store times out reads after the send, as a full pool does", async () => {
    // At a thousand streams over Postgres, connections queue behind every reply's checkpoints and some reads time
    // out. A generation that looked its model up again after the send failed there with "The model failed to
    // answer.", after the send had been accepted: a reply cut short, though nothing was wrong with the model.
    const real = await openSqliteStore({ path: ":memory:" });
    // The send's own lookup of the model passes; every read of the model's sources after it times out.
    let lookupsBeforeTimeouts = Number.POSITIVE_INFINITY;
    const timeout = () => Promise.reject(databaseUnavailable(new Error("timeout exceeded when trying to connect")));
    const store: Store = {
      ...real,
      modelAccess: {
        ...real.modelAccess,
        listModelAccess: () => (lookupsBeforeTimeouts-- > 0 ? real.modelAccess.listModelAccess() : timeout()),
      },
    };
    const domain = await createTestDomain({ store });
    const principal = await domain.newPrincipal();
    const conversation = await domain.conversations.createConversation({ principal, model: "demo/echo" });
    lookupsBeforeTimeouts = 1;
    const { reply, streamId } = await domain.messages.sendMessage({
      principal,
      conversationId: conversation.id,
      content: "hello",
    });
    const parts = [];
    for await (const event of domain.streams.read({ streamId, after: 0 })) parts.push(event.part);
    expect(parts.filter((part) => part.type === "error")).toEqual([]);
    const text = parts
      .filter((part) => part.type === "text-delta")
      .map((part) => part.delta)
      .join("");
    expect(text).toMatch(/You said: hello$/);
    expect(await real.messages.findMessageById({ id: reply.id })).toMatchObject({ status: "complete", content: text });
    await domain.close();
  });
});
