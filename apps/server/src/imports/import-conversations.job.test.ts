import { readFile } from "node:fs/promises";
import type { ChatGptConversation } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDomain } from "../../test/domain.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Principal } from "../identity/principal.ts";
import { createImportConversationsJob } from "./import-conversations.job.ts";

const fixture: ChatGptConversation[] = JSON.parse(
  await readFile(new URL("../../test/fixtures/chatgpt-conversations.json", import.meta.url), "utf8"),
);

let domain: Awaited<ReturnType<typeof createTestDomain>>;
beforeAll(async () => {
  domain = await createTestDomain();
});
afterAll(async () => {
  await domain.close();
});

/** The outbox, but its `failAt`th transaction fails once, as a database that went away mid-import would. */
function outboxFailingAt(failAt: number): Outbox {
  let calls = 0;
  return {
    transaction(work) {
      calls += 1;
      if (calls === failAt) return Promise.reject(new Error("the database went away"));
      return domain.outbox.transaction(work);
    },
  };
}

const attempt = (number: number) => ({ jobId: "job", attempt: number, signal: new AbortController().signal });

async function titlesOf(principal: Principal) {
  const owned = await domain.store.conversations.listConversationsByUserId({ userId: principal.userId });
  return owned.map((conversation) => conversation.title).sort();
}

describe("conversations.import", () => {
  it("goes on after the last conversation written when retried, writing none twice, then removes its file", async () => {
    const principal = await domain.newPrincipal();
    const started = await domain.imports.startImport({ principal, source: { format: "chatgpt", body: fixture } });
    const job = createImportConversationsJob({ ...domain, outbox: outboxFailingAt(2) });

    await expect(job.perform({ importId: started.id }, attempt(1))).rejects.toThrow("the database went away");
    expect(await domain.imports.getImport({ principal, id: started.id })).toMatchObject({ status: "running", done: 1 });
    expect(await titlesOf(principal)).toEqual(["Fibonacci in Python"]);

    await job.perform({ importId: started.id }, attempt(2));
    const done = await domain.imports.getImport({ principal, id: started.id });
    expect(done).toMatchObject({ status: "complete", done: 3, error: null });
    expect(await titlesOf(principal)).toEqual(["Fibonacci in Python", "New chat", "Tabby cat breed"]);
    const record = await domain.store.imports.findImportById({ id: started.id });
    expect(await domain.blobs.head({ key: record?.payloadKey as string })).toBeUndefined();

    await job.perform({ importId: started.id }, attempt(3));
    expect(await titlesOf(principal)).toHaveLength(3);
  });

  it("writes each conversation once when two attempts run at the same time", async () => {
    const principal = await domain.newPrincipal();
    const started = await domain.imports.startImport({ principal, source: { format: "chatgpt", body: fixture } });
    const job = createImportConversationsJob(domain);
    await Promise.all([
      job.perform({ importId: started.id }, attempt(1)),
      job.perform({ importId: started.id }, attempt(2)),
    ]);
    expect(await titlesOf(principal)).toEqual(["Fibonacci in Python", "New chat", "Tabby cat breed"]);
    const done = await domain.imports.getImport({ principal, id: started.id });
    expect(done.conversationIds).toHaveLength(3);
  });

  it("ends in error, keeping what it wrote, when its last attempt fails", async () => {
    const principal = await domain.newPrincipal();
    const started = await domain.imports.startImport({ principal, source: { format: "chatgpt", body: fixture } });
    const job = createImportConversationsJob({ ...domain, outbox: outboxFailingAt(2) });
    await expect(job.perform({ importId: started.id }, attempt(3))).rejects.toThrow("the database went away");
    expect(await domain.imports.getImport({ principal, id: started.id })).toMatchObject({
      status: "error",
      done: 1,
      error: "The import failed; the conversations written so far are kept.",
    });
    expect(await titlesOf(principal)).toEqual(["Fibonacci in Python"]);
  });
});
