import { describe, expect, it } from "vitest";
import { answers, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";

describe.runIf(chromiumAvailable())("image generation in the browser", () => {
  const app = useAppAndBrowser();

  it("a prompt to the demo image model shows the generated image in the thread, which opens in the viewer", async () => {
    const { page, problems } = await openPage(app.browser);
    await signUp(page, app.server.url);
    const picker = page.getByLabel("Model");
    const imageOption = picker.locator('optgroup[label="Image models"] option[value="demo/image"]');
    expect(await imageOption.textContent()).toBe("Demo (offline image) — image");
    await picker.selectOption("demo/image");

    await sendMessage(page, "A lighthouse at dusk");
    await waitForAnswersDone(page);
    const answer = answers(page).last();
    await answer.getByText("offline demo image model").waitFor();
    const image = answer.locator("img.file-image");
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(256);
    await saveScreenshot({ page, name: "image-generation-thread" });

    await answer.getByRole("button", { name: /^Open / }).click();
    const viewer = page.getByRole("dialog");
    await viewer.waitFor();
    const large = viewer.locator("img.image-viewer-image");
    await expect.poll(() => large.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(256);
    const src = await large.getAttribute("src");
    expect(src).toMatch(/^\/api\/files\//);
    expect(await viewer.getByRole("link", { name: /^Download / }).getAttribute("href")).toBe(src);
    await saveScreenshot({ page, name: "image-viewer" });
    await page.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });

    // After a reload the saved reply shows the same image, from the conversation's files.
    await page.reload();
    await answers(page).last().locator("img.file-image").waitFor();
    expect(await answers(page).last().locator("img.file-image").getAttribute("src")).toBe(src);
    expect(problems).toEqual([]);
  });
});
