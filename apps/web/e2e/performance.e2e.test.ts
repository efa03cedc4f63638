import { createClient } from "@slipstream/client";
import { describe, expect, it } from "vitest";
import { answers, conversationIdOf, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";
import { longMarkdownAnswer } from "./support/long-answer.ts";
import type { Script } from "./support/scripted-provider.ts";
import { seedThread } from "./support/seed-thread.ts";
import { storedMessages } from "./support/stream-frames.ts";

// Frame and long-task timings of these two cases, with their budgets, are measured by `npm run bench -- --only=web`.
const LONG_ANSWER_TOKENS = 50_000;
const LONG_ANSWER = longMarkdownAnswer(LONG_ANSWER_TOKENS);
const THREAD_MESSAGES = 2_000;
const THREAD_TITLE = "A very long thread";
const SHORT_ANSWER = "Sure: the **short** answer is `42`.\n\n- one reason\n- another reason";

/** "long" streams the 50,000-token answer as fast as the server relays it; anything else gets a short answer. */
const script: Script = (text) =>
  /long/i.test(text) ? { text: LONG_ANSWER, chunkSize: 40, delayMs: 1 } : { text: SHORT_ANSWER, chunkSize: 200 };

/** What of a Markdown text shows on the page: its headings, the text of its code blocks, its tables and list items. */
function outlineOf(markdown: string) {
  return {
    headings: [...markdown.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading),
    code: [...markdown.matchAll(/^```\w*\n([\s\S]*?)\n```$/gm)].map(([, code]) => code),
    tables: markdown.match(/^\| --- /gm)?.length ?? 0,
    listItems: markdown.match(/^- /gm)?.length ?? 0,
  };
}

describe.runIf(chromiumAvailable())("long content", () => {
  const app = useAppAndBrowser(script);

  it(`renders a ${LONG_ANSWER_TOKENS.toLocaleString("en")}-token Markdown answer whole, as stored`, async () => {
    const { page, context } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await sendMessage(page, "Write a long answer");
    await waitForAnswersDone(page, 120_000);

    const stored = await storedMessages(page, conversationIdOf(page));
    expect(stored.at(-1)).toMatchObject({ role: "assistant", status: "complete", content: LONG_ANSWER });
    const answer = answers(page).last();
    const shown = await answer.evaluate((element) => ({
      headings: [...element.querySelectorAll("h2")].map((heading) => heading.textContent),
      code: [...element.querySelectorAll("pre code")].map((code) => code.textContent),
      tables: element.querySelectorAll("table").length,
      listItems: element.querySelectorAll("li").length,
      text: element.textContent ?? "",
    }));
    const { text, ...outline } = shown;
    expect(outline).toEqual(outlineOf(LONG_ANSWER));
    // No block was left as raw Markdown.
    expect(text).not.toMatch(/```|\| --- |\*\*/);
    await context.close();
  }, 120_000);

  it(`opens a conversation of ${THREAD_MESSAGES.toLocaleString("en")} messages and scrolls it to its first message`, async () => {
    const { page, context } = await openPage(app.browser);
    const account = await signUp(page, app.server.url);
    const client = createClient({ baseUrl: app.server.url });
    await client.auth.login({ email: account.email, password: account.password });
    const conversation = await client.conversations.create({ title: THREAD_TITLE });
    const { dataDir } = app.server.server;
    await seedThread({ dataDir, conversationId: conversation.id, count: THREAD_MESSAGES, answer: SHORT_ANSWER });
    expect(await client.messages.list(conversation.id)).toHaveLength(THREAD_MESSAGES);

    await page.reload();
    await page.getByRole("link", { name: THREAD_TITLE }).click();
    await page.getByText(`Question number ${THREAD_MESSAGES / 2}?`).waitFor();

    // Each time the top is reached, earlier messages are added above; wait for them before scrolling up again.
    const scroller = page.locator(".thread-scroller");
    for (;;) {
      const shown = await scroller.evaluate((element) => {
        element.scrollTop = 0;
        return element.querySelector(".earlier") ? element.querySelectorAll("article").length : undefined;
      });
      if (shown === undefined) break;
      await page.waitForFunction(
        (count) => !document.querySelector(".earlier") || document.querySelectorAll("article").length > count,
        shown,
      );
    }
    await scroller.evaluate((element) => {
      element.scrollTop = 0;
    });
    await page.getByText("Question number 1?", { exact: true }).waitFor();
    expect(await page.locator("article").count()).toBe(THREAD_MESSAGES);
    await context.close();
  }, 120_000);
});
