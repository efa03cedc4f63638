import { describe, expect, it } from "vitest";
import { makePdf, makePng } from "../../server/test/file-fixtures.ts";
import { answers, signUp, userMessages, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";
import { hand } from "./support/hand-files.ts";

const PDF_WORDS = "Revenue grew eleven percent";

describe.runIf(chromiumAvailable())("attachments in the browser", () => {
  const app = useAppAndBrowser();

  it("a pasted screenshot and a dropped PDF upload, are sent with the message, and show in the thread", async () => {
    const { page, problems } = await openPage(app.browser);
    await signUp(page, app.server.url);
    const png = Buffer.from(await makePng({ width: 320, height: 200, colour: "#e4572e" })).toString("base64");
    const pdf = Buffer.from(makePdf(PDF_WORDS)).toString("base64");

    // A pasted screenshot has no name of its own.
    await hand(page, "paste", { name: "", type: "image/png", base64: png });
    await hand(page, "drop", { name: "q3-report.pdf", type: "application/pdf", base64: pdf });
    const chips = page.getByRole("list", { name: "Attachments" }).getByRole("listitem");
    await expect.poll(() => chips.count()).toBe(2);
    await page.getByText("Uploading…").first().waitFor({ state: "detached" });
    expect(await chips.locator(".attachment-name").allTextContents()).toEqual(["pasted image.png", "q3-report.pdf"]);
    await page.getByRole("textbox", { name: "Message" }).fill("What do the chart and the report say?");
    await saveScreenshot({ page, name: "attachments-composer" });

    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await answers(page).first().waitFor();
    await waitForAnswersDone(page);
    // The scripted model echoes what it read: the PDF reached it as text.
    await answers(page).first().getByText(PDF_WORDS).waitFor();
    const question = userMessages(page).first();
    const image = question.locator("img.file-image");
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(320);
    await question.getByRole("link", { name: "q3-report.pdf" }).waitFor();
    await expect.poll(() => chips.count()).toBe(0);
    await saveScreenshot({ page, name: "attachments-thread" });
    expect(problems).toEqual([]);
  });

  it("the paperclip button attaches too, and a file the server refuses says why and is not sent", async () => {
    const { page } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await page.getByLabel("Files to attach").setInputFiles([
      { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Notes\nship it") },
      { name: "tool.exe", mimeType: "application/x-msdownload", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]) },
    ]);
    const chips = page.getByRole("list", { name: "Attachments" }).getByRole("listitem");
    await expect.poll(() => chips.count()).toBe(2);
    await page.getByText("Uploading…").first().waitFor({ state: "detached" });
    await chips.filter({ hasText: "tool.exe" }).locator(".attachment-state.error").waitFor();
    await page.getByRole("textbox", { name: "Message" }).fill("Summarise my notes");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await answers(page).first().getByText("ship it").waitFor();
    expect(await userMessages(page).first().getByRole("link").allTextContents()).toEqual(["notes.md"]);
  });
  it("warns and holds the send when the chosen model cannot see an attached image", async () => {
    const { page, problems } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await page.getByLabel("Model").selectOption("demo/echo");
    const png = Buffer.from(await makePng()).toString("base64");
    await hand(page, "paste", { name: "", type: "image/png", base64: png });
    await page.getByText("Uploading…").first().waitFor({ state: "detached" });
    await page.getByRole("textbox", { name: "Message" }).fill("What is in the picture?");
    expect(await page.getByRole("alert").textContent()).toBe(
      "Demo (offline echo) cannot see images: remove the image, or choose a model that can.",
    );
    expect(await page.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Remove pasted image.png" }).click();
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await answers(page).first().getByText("You said: What is in the picture?").waitFor();
    expect(problems).toEqual([]);
  });
});
