import { describe, expect, it } from "vitest";
import { answers, conversationIdOf, sendMessage, signUp, userMessages, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";

describe.runIf(chromiumAvailable())("deleting a branch in the browser", () => {
  const app = useAppAndBrowser();

  it("removes a message and its replies once confirmed, here and on another open page", async () => {
    const { context, page, problems } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await sendMessage(page, "Keep this question");
    await waitForAnswersDone(page);
    await sendMessage(page, "Remove this question");
    await waitForAnswersDone(page);
    const elsewhere = await context.newPage();
    await elsewhere.goto(`${app.server.url}/c/${encodeURIComponent(conversationIdOf(page))}`);
    await expect.poll(() => userMessages(elsewhere).count()).toBe(2);

    const doomed = userMessages(page).filter({ hasText: "Remove this question" });
    await doomed.hover();
    await doomed.getByRole("button", { name: "Delete message" }).click();
    await doomed.getByRole("group", { name: "Confirm deletion" }).getByRole("button", { name: "Cancel" }).click();
    expect(await userMessages(page).count()).toBe(2);
    await doomed.getByRole("button", { name: "Delete message" }).click();
    await saveScreenshot({ page, name: "delete-branch-confirm" });
    await doomed.getByRole("group", { name: "Confirm deletion" }).getByRole("button", { name: "Delete" }).click();

    for (const view of [page, elsewhere]) {
      await expect.poll(() => userMessages(view).allTextContents()).toEqual([expect.stringContaining("Keep this")]);
      expect(await answers(view).count()).toBe(1);
    }
    await page.reload();
    await expect.poll(() => userMessages(page).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
