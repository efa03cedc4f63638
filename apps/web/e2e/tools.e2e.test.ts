import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_MODEL, startServerWithFakeProvider } from "../../server/test/support.ts";
import { answers, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, launchBrowser, openPage, saveScreenshot } from "./support/browser.ts";

/** Busy for a while, so that the card is seen running with its input before its output arrives. */
const CODE =
  "const until = Date.now() + 1500; while (Date.now() < until) {} console.log('squares'); [1, 2, 3].map((n) => n * n)";
const OUTPUT = '{\n  "result": "[1,4,9]",\n  "output": "squares\\n"\n}';

describe.runIf(chromiumAvailable())("tool calls in the browser", () => {
  let app: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  beforeAll(async () => {
    app = await startServerWithFakeProvider({ DEFAULT_MODEL: FAKE_MODEL });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
  });

  it("turns run_code on, shows the call's input while it runs, then its output, and the answer quotes it", async () => {
    const { page, context, problems } = await openPage(browser);
    await signUp(page, app.server.url);
    const menu = page.locator("details.tools-menu");
    await menu.locator("summary").click();
    await page.getByRole("checkbox", { name: /run_code/ }).check();
    await menu.locator("summary").click();
    expect(await menu.locator("summary").textContent()).toBe("Tools · 1");

    await sendMessage(page, `[[slow:100]][[tool:run_code:${JSON.stringify({ code: CODE })}]] squares, please`);
    const answer = answers(page).last();
    const card = answer.locator("details.tool-card");
    await card.locator("summary", { hasText: "run_coderunning" }).waitFor();
    await card.locator("summary").click();
    await card.locator(".tool-section", { hasText: "Input" }).filter({ hasText: "squares" }).waitFor();
    expect(await card.locator(".tool-section", { hasText: "Output" }).count()).toBe(0);
    await saveScreenshot({ page, name: "tool-running" });

    await card.locator("summary", { hasText: "run_codedone" }).waitFor();
    expect(await card.locator(".tool-section", { hasText: "Output" }).locator("pre").textContent()).toBe(OUTPUT);
    await waitForAnswersDone(page);
    const text = answer.locator(".message-parts > .markdown");
    expect(await text.textContent()).toContain('Tool run_code said: {"result":"[1,4,9]","output":"squares\\n"}');
    await saveScreenshot({ page, name: "tool-done" });

    // Saved with the reply: after a reload the card and the choice of tools are still there.
    await page.reload();
    const saved = answers(page).last().locator("details.tool-card");
    await saved.locator("summary", { hasText: "run_codedone" }).waitFor();
    await saved.locator("summary").click();
    expect(await saved.locator(".tool-section", { hasText: "Output" }).locator("pre").textContent()).toBe(OUTPUT);
    expect(await page.locator("details.tools-menu summary").textContent()).toBe("Tools · 1");
    expect(problems).toEqual([]);
    await context.close();
  });
});
