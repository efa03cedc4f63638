import { describe, expect, it } from "vitest";
import { createTestPostgresDatabase } from "../../server/test/postgres-database.ts";
import { startRedisServer } from "../../server/test/redis-server.ts";
import { answers, conversationIdOf, sendMessage, startAppServer, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable } from "./support/browser.ts";
import { useTwoPeople } from "./support/fixture.ts";
import type { Script } from "./support/scripted-provider.ts";

/** Slow enough that an answer is seen streaming on the other instance. */
const streaming: Script = (text) => ({ text: `You said: ${text}`, chunkSize: 3, delayMs: 15 });

const [postgres, redis] = await Promise.all([createTestPostgresDatabase(), startRedisServer()]);
const skip = !chromiumAvailable()
  ? "Chromium not found"
  : "skip" in postgres
    ? postgres.skip
    : "skip" in redis
      ? redis.skip
      : undefined;
if (skip) {
  console.log(`two-instance browser test skipped: ${skip}`);
  if ("stop" in redis) await redis.stop();
  if ("drop" in postgres) await postgres.drop();
}

describe.runIf(!skip)("one shared conversation, a browser on each of two instances", () => {
  const people = useTwoPeople(async () => {
    if ("skip" in postgres || "skip" in redis) throw new Error("the services are checked before the describe");
    const shared = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      SESSION_SECRET: "a shared secret of at least thirty-two characters",
    };
    const [onA, onB] = await Promise.all([startAppServer(streaming, shared), startAppServer(streaming, shared)]);
    return {
      adaUrl: onA.url,
      bobUrl: onB.url,
      async stop() {
        await Promise.all([onA.stop(), onB.stop()]);
        await redis.stop();
        await postgres.drop();
      },
    };
  });

  it("shows each the other's messages, streamed answers and presence live; a viewer cannot send", async () => {
    const { ada, bob, bobAccount } = people();
    await sendMessage(ada, "Plan the team offsite");
    await waitForAnswersDone(ada);
    await ada.getByRole("button", { name: "Share" }).click();
    const dialog = ada.getByRole("dialog", { name: "Share this conversation" });
    await dialog.getByLabel("Email of the person to invite").fill(bobAccount.email);
    await dialog.getByLabel("Role", { exact: true }).selectOption("editor");
    await dialog.getByRole("button", { name: "Invite" }).click();
    await dialog.getByLabel("Role of Bob").waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();

    // Shared on A, it arrives in Bob's sidebar on B.
    const item = bob
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /Plan the team offsite/ });
    await item.click();
    await bob.getByRole("article", { name: "Message from Ada" }).waitFor();
    await ada.getByRole("img", { name: "Bob is here" }).waitFor();
    await bob.getByRole("img", { name: "Ada is here" }).waitFor();
    await bob.getByRole("textbox", { name: "Message" }).pressSequentially("Hi Ada");
    await ada.getByText("Bob is typing…").waitFor();

    // Long enough that its echo streams for about two seconds (15 ms a word), so that A, a bus hop away on a busy
    // machine, still sees it being written rather than only once it is done.
    await bob
      .getByRole("textbox", { name: "Message" })
      .fill(`Hi Ada, ${"shall we pick a venue by the lake? ".repeat(16)}`);
    await bob.getByRole("textbox", { name: "Message" }).press("Enter");
    await ada.getByRole("article", { name: "Message from Bob" }).waitFor();
    // The answer Bob's message started on B streams on A as it is written.
    await ada.waitForFunction(() => document.querySelectorAll('article[aria-busy="true"]').length > 0);
    await waitForAnswersDone(ada);
    await waitForAnswersDone(bob);
    expect(await answers(ada).last().textContent()).toContain("You said: Hi Ada");
    expect(await answers(bob).last().textContent()).toContain("You said: Hi Ada");

    await ada.getByRole("button", { name: "Share" }).click();
    await dialog.getByLabel("Role of Bob").selectOption("viewer");
    await dialog.getByRole("button", { name: "Done" }).click();
    await bob.getByText("only its editors can write").waitFor();
    expect(await bob.getByRole("textbox", { name: "Message" }).count()).toBe(0);
  });

  it("stops a removed member's open page from receiving the conversation", async () => {
    const { ada, bob, problems } = people();
    const conversationId = conversationIdOf(ada);
    await ada.getByRole("button", { name: "Share" }).click();
    const dialog = ada.getByRole("dialog", { name: "Share this conversation" });
    await dialog.getByRole("button", { name: "Remove" }).click();
    await dialog.getByLabel("Role of Bob").waitFor({ state: "detached" });
    await dialog.getByRole("button", { name: "Done" }).click();

    // Bob's page on B leaves the conversation at once, and its sidebar no longer lists it.
    await bob.waitForURL((url) => !url.pathname.includes(conversationId));
    await bob
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /Plan the team offsite/ })
      .waitFor({ state: "detached" });
    await sendMessage(ada, "Only for the owner now");
    await waitForAnswersDone(ada);
    expect(await bob.getByText("Only for the owner now").count()).toBe(0);
    expect(problems.flat()).toEqual([]);
  });
});
