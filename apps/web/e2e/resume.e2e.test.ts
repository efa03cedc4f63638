import type { Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import { answers, conversationIdOf, sendMessage, signUp, userMessages, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";
import { chatScript } from "./support/scripts.ts";
import { recordStreamEvents, storedMessages } from "./support/stream-frames.ts";

const answerText = async (page: Page) => ((await answers(page).last().locator(".markdown").textContent()) ?? "").trim();

/** Samples the answer on screen until it is done: every sample must be a start of the final text. */
async function sampleUntilDone(page: Page) {
  const samples: string[] = [];
  while ((await answers(page).last().getAttribute("aria-busy")) === "true") {
    samples.push(await answerText(page));
    await page.waitForTimeout(150);
  }
  return samples;
}

async function lastReply(page: Page) {
  const messages = await storedMessages(page, conversationIdOf(page));
  const reply = messages.filter((message) => message.role === "assistant").at(-1);
  if (!reply?.streamId) throw new Error("no reply stored");
  return reply;
}

describe.runIf(chromiumAvailable())("answers that survive reloads, lost connections and other tabs", () => {
  const app = useAppAndBrowser(chatScript);

  it("goes on after a reload mid-answer, from the first event, with nothing lost or doubled", async () => {
    const { page, problems, context } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await sendMessage(page, "Count to two hundred slowly");
    await expect.poll(async () => (await answerText(page)).includes("word30")).toBe(true);

    await page.reload();
    const frames = recordStreamEvents(page);
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    expect(await answers(page).last().getAttribute("aria-busy")).toBe("true");
    const samples = await sampleUntilDone(page);

    const reply = await lastReply(page);
    expect(reply.status).toBe("complete");
    const shown = await answerText(page);
    expect(shown).toBe(reply.content.trim());
    expect(samples.length).toBeGreaterThan(3);
    for (const sample of samples) expect(reply.content.startsWith(sample)).toBe(true);
    // After the reload the page asked for the stream from the start: every event once, in order.
    const seqs = frames.of(reply.streamId ?? "").map((event) => event.seq);
    expect(seqs[0]).toBe(1);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(frames.textOf(reply.streamId ?? "")).toBe(reply.content);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows a banner while the connection is down, then reconnects and finishes the answer exactly", async () => {
    const { page, problems, context } = await openPage(app.browser);
    let accepting = true;
    let socket: WebSocketRoute | undefined;
    await page.routeWebSocket(/\/ws$/, (route) => {
      if (!accepting) return void route.close({ code: 4000, reason: "test: network down" });
      socket = route;
      route.connectToServer();
    });
    await signUp(page, app.server.url);
    await sendMessage(page, "Count for me slowly, please");
    await expect.poll(async () => (await answerText(page)).includes("word20")).toBe(true);

    accepting = false;
    await socket?.close({ code: 4000, reason: "test: network down" });
    const banner = page.getByRole("alert").filter({ hasText: "Connection lost" });
    await banner.waitFor();
    const whileDown = await answerText(page);
    await page.waitForTimeout(1500);
    expect(await answerText(page)).toBe(whileDown);

    accepting = true;
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    await waitForAnswersDone(page);
    const reply = await lastReply(page);
    expect(await answerText(page)).toBe(reply.content.trim());
    expect(reply.content).toContain("word200");
    expect(problems.filter((problem) => !/WebSocket/.test(problem))).toEqual([]);
    await context.close();
  });

  it("keeps two tabs of the same conversation in sync, live", async () => {
    const { page: first, context, problems } = await openPage(app.browser);
    await signUp(first, app.server.url);
    await sendMessage(first, "Hello from the first tab");
    await waitForAnswersDone(first);
    const second = await context.newPage();
    await second.goto(first.url());
    await userMessages(second).first().waitFor();

    await sendMessage(first, "Now count slowly for both tabs");
    await expect.poll(() => userMessages(second).count()).toBe(2);
    // The second tab follows the answer while it streams, not only once it is done.
    await expect.poll(async () => (await answerText(second)).includes("word10")).toBe(true);
    expect(await answers(second).last().getAttribute("aria-busy")).toBe("true");
    await waitForAnswersDone(second);
    await waitForAnswersDone(first);
    expect(await answerText(second)).toBe(await answerText(first));

    const sidebar = first.getByRole("navigation", { name: "Conversations" });
    await sidebar.getByRole("button", { name: "Rename Hello from the first tab" }).click();
    await sidebar.getByRole("textbox", { name: "Conversation title" }).fill("Shared thread");
    await sidebar.getByRole("textbox", { name: "Conversation title" }).press("Enter");
    await expect.poll(() => second.getByRole("heading", { level: 1 }).textContent()).toBe("Shared thread");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows a conversation started in another tab in the sidebar at once, with its title", async () => {
    const { page: first, context, problems } = await openPage(app.browser);
    await signUp(first, app.server.url);
    const second = await context.newPage();
    await second.goto(app.server.url);
    const secondSidebar = second.getByRole("navigation", { name: "Conversations" });
    await second.getByRole("textbox", { name: "Message" }).waitFor();

    await sendMessage(first, "Ideas for a small garden");
    await secondSidebar.getByText("Ideas for a small garden").waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
    await context.close();
  });
});
