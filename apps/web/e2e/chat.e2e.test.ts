import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answers,
  conversationIdOf,
  sendMessage,
  signUp,
  startAppServer,
  userMessages,
  waitForAnswersDone,
} from "./support/app.ts";
import { chromiumAvailable, launchBrowser, openPage, saveScreenshot } from "./support/browser.ts";
import { chatScript } from "./support/scripts.ts";

describe.runIf(chromiumAvailable())("chatting", () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startAppServer(chatScript);
    ({ browser, close: closeBrowser } = await launchBrowser());
    ({ context, page, problems } = await openPage(browser));
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUp(page, server.url);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it("streams a Markdown answer with a table and highlighted code, and titles the conversation", async () => {
    await sendMessage(page, "Compare sorting algorithms and show me a Python example");
    const answer = answers(page).last();
    await answer.locator(".markdown").waitFor();
    expect(await answer.getAttribute("aria-busy")).toBe("true");
    expect(await page.getByRole("button", { name: "Stop" }).isVisible()).toBe(true);
    const early = (await answer.textContent()) ?? "";
    await waitForAnswersDone(page);
    const full = (await answer.textContent()) ?? "";
    expect(full.length).toBeGreaterThan(early.length);

    expect(await answer.locator("table tr").count()).toBe(4);
    expect(await answer.locator("code .hljs-keyword").first().textContent()).toBe("def");
    expect(await answer.locator("li").count()).toBe(2);
    await page.locator(".thread-scroller").evaluate((element) => element.scrollTo(0, 0));
    await saveScreenshot({ page, name: "chat" });
    await answer.getByRole("button", { name: "Copy code" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^def top_scores/);

    expect(new URL(page.url()).pathname).toMatch(/^\/c\//);
    const sidebar = page.getByRole("navigation", { name: "Conversations" });
    await sidebar.getByRole("link", { name: "Compare sorting algorithms and show me a Python example" }).waitFor();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Compare sorting/);
  });

  it("stops an answer with Escape and keeps what it had", async () => {
    await sendMessage(page, "Count for me slowly");
    const answer = answers(page).last();
    await expect.poll(async () => ((await answer.textContent()) ?? "").includes("word20")).toBe(true);
    await page.keyboard.press("Escape");
    await waitForAnswersDone(page);
    await answer.getByText("Stopped.").waitFor();
    expect(await answer.textContent()).not.toContain("word200");
    await page.getByRole("button", { name: "Send" }).waitFor();
  });

  it("regenerates an answer and moves between the versions", async () => {
    await sendMessage(page, "Hello there");
    await waitForAnswersDone(page);
    const last = answers(page).last();
    const first = (await last.locator(".markdown").textContent()) ?? "";
    await last.getByRole("button", { name: "Regenerate" }).click();
    await expect.poll(() => last.locator(".branch-count").textContent()).toBe("2/2");
    await waitForAnswersDone(page);
    const second = (await last.locator(".markdown").textContent()) ?? "";
    expect(second).not.toBe(first);
    await last.getByRole("button", { name: "Previous version" }).click();
    await expect.poll(() => last.locator(".markdown").textContent()).toBe(first);
    expect(await last.locator(".branch-count").textContent()).toBe("1/2");
    await last.getByRole("button", { name: "Next version" }).click();
    await expect.poll(() => last.locator(".markdown").textContent()).toBe(second);
  });

  it("edits an earlier message into a branch, with arrows to go back", async () => {
    const countBefore = await userMessages(page).count();
    const second = userMessages(page).nth(1);
    expect(await second.textContent()).toContain("Count for me slowly");
    await second.hover();
    await second.getByRole("button", { name: "Edit message" }).click();
    const editor = page.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Say hi to the branch");
    await page.getByRole("button", { name: "Save and send" }).click();
    await waitForAnswersDone(page);
    // The new branch ends at its own answer: the messages after the edited one are not on it.
    await expect.poll(() => userMessages(page).count()).toBe(2);
    const edited = userMessages(page).nth(1);
    expect(await edited.locator(".bubble").textContent()).toBe("Say hi to the branch");
    expect(await edited.locator(".branch-count").textContent()).toBe("2/2");
    expect(await answers(page).last().textContent()).toContain("Say hi to the branch");
    await saveScreenshot({ page, name: "branches" });

    await edited.getByRole("button", { name: "Previous version" }).click();
    await expect.poll(() => userMessages(page).count()).toBe(countBefore);
    expect(await userMessages(page).nth(1).locator(".bubble").textContent()).toBe("Count for me slowly");

    // The branch on screen is where the next message goes.
    await sendMessage(page, "Continue on the old branch");
    await waitForAnswersDone(page);
    expect(await userMessages(page).count()).toBe(countBefore + 1);
    expect(await userMessages(page).nth(1).locator(".branch-count").textContent()).toBe("1/2");
  });

  it("shows a provider error on its message", async () => {
    await sendMessage(page, "Please fail now");
    const answer = answers(page).last();
    await answer.getByRole("alert").waitFor();
    expect(await answer.getByRole("alert").textContent()).not.toBe("");
    await waitForAnswersDone(page);
    expect(await answer.getByRole("button", { name: "Regenerate" }).isVisible()).toBe(true);
  });

  it("keeps the model chosen for a conversation", async () => {
    const picker = page.getByLabel("Model");
    const options = await picker
      .locator("option")
      .evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual([server.model, "demo/echo", "demo/image"]);
    await picker.selectOption("demo/echo");
    await page.reload();
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    await expect.poll(() => page.getByLabel("Model").inputValue()).toBe("demo/echo");
    await sendMessage(page, "Which model is this?");
    await waitForAnswersDone(page);
    expect(await answers(page).last().textContent()).toMatch(/demo\/echo/);
    await page.getByLabel("Model").selectOption(server.model);
  });

  it("renames, filters, deletes with undo, and starts new chats from the sidebar", async () => {
    const id = conversationIdOf(page);
    const sidebar = page.getByRole("navigation", { name: "Conversations" });
    const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    await sidebar.getByRole("button", { name: `Rename ${title}` }).click();
    const field = sidebar.getByRole("textbox", { name: "Conversation title" });
    // Titles show as plain text: the Markdown a model (or a person) puts in one is not shown.
    await field.fill("**Sorting** _notes_");
    await field.press("Enter");
    await sidebar.getByRole("link", { name: "Sorting notes" }).waitFor();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sorting notes");

    await sidebar.getByRole("button", { name: "New chat" }).click();
    expect(new URL(page.url()).pathname).toBe("/");
    await sendMessage(page, "A second conversation");
    await waitForAnswersDone(page);
    const links = sidebar.getByRole("list", { name: "Your conversations" }).getByRole("link");
    await expect.poll(() => links.allTextContents()).toEqual(["A second conversation", "Sorting notes"]);

    await sidebar.getByRole("searchbox", { name: "Search conversations" }).fill("sorting");
    await expect.poll(() => links.allTextContents()).toEqual(["Sorting notes"]);
    await sidebar.getByRole("searchbox", { name: "Search conversations" }).fill("");

    await sidebar.getByRole("link", { name: "Sorting notes" }).click();
    expect(conversationIdOf(page)).toBe(id);
    await sidebar.getByRole("button", { name: "Delete Sorting notes" }).click();
    await expect.poll(() => links.allTextContents()).toEqual(["A second conversation"]);
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => links.allTextContents()).toEqual(["A second conversation", "Sorting notes"]);

    await sidebar.getByRole("button", { name: "Delete A second conversation" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted" }).waitFor({ state: "detached", timeout: 10_000 });
    await page.reload();
    await sidebar.getByRole("link", { name: "Sorting notes" }).waitFor();
    expect(await links.allTextContents()).toEqual(["Sorting notes"]);

    await page.goto(`${server.url}/c/no-such-conversation`);
    await page.getByRole("heading", { name: "This conversation does not exist" }).waitFor();
    expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
  });
});
