import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { answers, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";
import { chatScript } from "./support/scripts.ts";

const SHOWCASE_QUESTION = "Compare sorting algorithms and show me a Python example";
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Widths wider than the viewport anywhere on the page would let it scroll sideways. */
const overflowingWidth = (page: Page) =>
  page.evaluate(() => {
    const widest = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const thread = document.querySelector(".thread-scroller");
    return {
      page: widest - window.innerWidth,
      thread: thread ? thread.scrollWidth - thread.clientWidth : 0,
    };
  });

describe.runIf(chromiumAvailable())("layout and themes", () => {
  const app = useAppAndBrowser(chatScript);

  it("fits a phone (390 px) without sideways scrolling, with the sidebar behind a toggle", async () => {
    const { page, context, problems } = await openPage(app.browser, PHONE);
    await signUp(page, app.server.url);
    expect(await page.getByRole("navigation", { name: "Conversations" }).isVisible()).toBe(false);
    await sendMessage(page, SHOWCASE_QUESTION);
    await waitForAnswersDone(page);
    await answers(page).last().locator("table").waitFor();
    expect(await overflowingWidth(page)).toEqual({ page: 0, thread: 0 });
    await page.locator(".thread-scroller").evaluate((element) => element.scrollTo(0, 0));
    await saveScreenshot({ page, name: "phone" });

    await page.getByRole("button", { name: "Open sidebar" }).click();
    const sidebar = page.getByRole("navigation", { name: "Conversations" });
    await sidebar.getByRole("link", { name: SHOWCASE_QUESTION }).waitFor();
    expect(await overflowingWidth(page)).toEqual({ page: 0, thread: 0 });
    await saveScreenshot({ page, name: "phone-sidebar" });
    await sidebar.getByRole("button", { name: "Close sidebar" }).click();
    await sidebar.waitFor({ state: "hidden" });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("scrolls a wide table inside its answer on a phone, its columns aligned as written", async () => {
    const { page, context, problems } = await openPage(app.browser, PHONE);
    await signUp(page, app.server.url);
    await sendMessage(page, "Show me a wide table of the regions");
    await waitForAnswersDone(page);
    const scroller = answers(page).last().locator(".table-scroll");
    const table = scroller.locator("table");
    await table.waitFor();
    const widths = await scroller.evaluate((element) => ({ content: element.scrollWidth, shown: element.clientWidth }));
    expect(widths.content).toBeGreaterThan(widths.shown);
    expect(await overflowingWidth(page)).toEqual({ page: 0, thread: 0 });
    // Short cells keep to one line (a squeezed table would break "ap-southeast-2" over three).
    const rowHeights = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.clientHeight));
    expect(new Set(rowHeights).size).toBe(1);
    const alignments = await table
      .locator("tbody tr")
      .first()
      .locator("td")
      .evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell).textAlign));
    expect(alignments).toEqual(["left", "center", "right", "right", "right", "right", "right"]);
    await saveScreenshot({ page, name: "table-phone" });

    await scroller.evaluate((element) => element.scrollBy({ left: 10_000 }));
    expect(await scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    expect(await overflowingWidth(page)).toEqual({ page: 0, thread: 0 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("names a provider that could not be reached beside the model picker, in light and dark", async () => {
    const { page, context, problems } = await openPage(app.browser);
    // The server does not report a provider down yet: the browser gets the list as it will when `local` is.
    await page.route("**/api/models", async (route) => {
      const response = await route.fetch();
      const { models } = (await response.json()) as { models: { provider: string }[] };
      const unreachable = { id: "local", status: "unreachable", message: "Could not connect to 127.0.0.1:11434." };
      await route.fulfill({
        response,
        json: { models: models.filter((model) => model.provider !== "local"), providers: [unreachable] },
      });
    });
    await signUp(page, app.server.url);
    const status = page.locator(".model-picker").getByRole("status");
    await status.waitFor();
    expect(await status.textContent()).toBe("local: unreachable — could not connect to 127.0.0.1:11434");
    expect(await page.getByLabel("Model").inputValue()).toBe("demo/echo");
    await saveScreenshot({ page, name: "picker-unreachable" });
    await page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot({ page, name: "picker-unreachable-dark" });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("follows a dark system theme", async () => {
    const { page, context } = await openPage(app.browser, { colorScheme: "dark" });
    await signUp(page, app.server.url);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(23, 23, 27)");
    await sendMessage(page, SHOWCASE_QUESTION);
    await waitForAnswersDone(page);
    await sendMessage(page, "Thanks! And in one sentence?");
    await waitForAnswersDone(page);
    await page.locator(".thread-scroller").evaluate((element) => element.scrollTo(0, 0));
    await saveScreenshot({ page, name: "dark" });
    await context.close();
  });

  it("is usable with the keyboard alone, with a visible focus ring", async () => {
    const { page, context } = await openPage(app.browser);
    await signUp(page, app.server.url);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Message");
    await page.keyboard.type("Typed without a mouse");
    await page.keyboard.press("Enter");
    await answers(page).first().waitFor();
    await waitForAnswersDone(page);
    const focusedElement = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { label: element.getAttribute("aria-label"), outline: getComputedStyle(element).outlineStyle };
      });
    // Back from the composer: the answer's last action (the destructive one), then the one before it.
    await page.keyboard.press("Shift+Tab");
    expect((await focusedElement()).label).toBe("Delete message");
    await page.keyboard.press("Shift+Tab");
    const focused = await focusedElement();
    expect(focused.label).toBe("Regenerate");
    expect(focused.outline).toBe("solid");
    await page.keyboard.press("Enter");
    await expect.poll(() => answers(page).last().locator(".branch-count").textContent()).toBe("2/2");
    await context.close();
  });
});
