import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, makePng } from "../../server/test/file-fixtures.ts";
import { startFleet } from "../../server/test/fleet.ts";
import { startS3Server } from "../../server/test/s3-server.ts";
import { FAKE_MODEL } from "../../server/test/support.ts";
import { answers, conversationIdOf, signIn, signUp, userMessages, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, launchBrowser, openPage } from "./support/browser.ts";
import { hand } from "./support/hand-files.ts";

const PDF_WORDS = "Margins held at nine percent";

type Json = Record<string, unknown>;

/** The data URL of the image part in an OpenAI chat completions request, if it has one. */
function imageUrlOf(body: Json): string | undefined {
  const user = (body.messages as Json[]).findLast((message) => message.role === "user");
  const content = Array.isArray(user?.content) ? (user.content as Json[]) : [];
  const part = content.find((item) => item.type === "image_url");
  return (part?.image_url as Json | undefined)?.url as string | undefined;
}

const s3 = chromiumAvailable() ? await startS3Server({ browsers: true }) : undefined;
const fleet = s3 ? await startFleet({ ...s3.env, DEFAULT_MODEL: FAKE_MODEL }) : { skip: "Chromium is missing" };

if ("skip" in fleet) {
  await s3?.stop();
  console.log(`S3 fleet browser tests skipped: ${fleet.skip}`);
  describe.skip(`attachments on S3 across two instances (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b, fake } = fleet;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await fleet.stop();
    await s3?.stop();
  });

  describe("attachments on S3 across two instances", () => {
    it("a pasted image and a dropped PDF sent on A reach the model, and show and download on B with an image made on A", async () => {
      const png = await makePng({ width: 240, height: 150, colour: "#2e86ab" });
      const pdf = makePdf(PDF_WORDS);
      const onA = await openPage(browser);
      const account = await signUp(onA.page, a.url);

      await hand(onA.page, "paste", { name: "", type: "image/png", base64: Buffer.from(png).toString("base64") });
      await hand(onA.page, "drop", {
        name: "margins.pdf",
        type: "application/pdf",
        base64: Buffer.from(pdf).toString("base64"),
      });
      const chips = onA.page.getByRole("list", { name: "Attachments" }).getByRole("listitem");
      await expect.poll(() => chips.count()).toBe(2);
      // The bytes go from the browser straight to the bucket, by the presigned PUT each upload gets.
      await expect.poll(() => onA.page.getByText("Uploading…").count()).toBe(0);
      expect(await chips.locator(".attachment-state.error").count()).toBe(0);
      await onA.page.getByRole("textbox", { name: "Message" }).fill("What do the picture and the PDF say?");
      await onA.page.getByRole("textbox", { name: "Message" }).press("Enter");
      await answers(onA.page).first().waitFor();
      await waitForAnswersDone(onA.page);

      const request = fake.requests.find(
        (each) => each.body !== undefined && JSON.stringify(each.body).includes(PDF_WORDS),
      );
      expect(request, "the provider got the PDF's text").toBeDefined();
      expect(imageUrlOf(request?.body as Json)).toBe(`data:image/png;base64,${Buffer.from(png).toString("base64")}`);
      const question = userMessages(onA.page).first();
      const thumbnail = question.locator("img.file-image");
      await expect.poll(() => thumbnail.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(240);
      await question.getByRole("link", { name: "margins.pdf" }).waitFor();
      const conversationId = conversationIdOf(onA.page);

      // An image the demo image model makes on A is stored in the bucket as a file of the conversation.
      await onA.page.getByLabel("Model").selectOption("demo/image");
      await onA.page.getByRole("textbox", { name: "Message" }).fill("A lighthouse at dusk");
      await onA.page.getByRole("textbox", { name: "Message" }).press("Enter");
      await expect.poll(() => answers(onA.page).count()).toBe(2);
      await waitForAnswersDone(onA.page);
      const generated = answers(onA.page).last().locator("img.file-image");
      await expect.poll(() => generated.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(256);

      const onB = await openPage(browser);
      await signIn(onB.page, b.url, account);
      await onB.page.goto(`${b.url}/c/${encodeURIComponent(conversationId)}`);
      const onBQuestion = userMessages(onB.page).first();
      const onBThumbnail = onBQuestion.locator("img.file-image");
      await expect.poll(() => onBThumbnail.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(240);
      expect(await onBThumbnail.getAttribute("src")).toMatch(/^\/api\/files\//);
      const onBGenerated = answers(onB.page).last().locator("img.file-image");
      await expect.poll(() => onBGenerated.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(256);
      expect(await onBGenerated.getAttribute("src")).toBe(await generated.getAttribute("src"));
      const [download] = await Promise.all([
        onB.page.waitForEvent("download"),
        onBQuestion.getByRole("link", { name: "margins.pdf" }).click(),
      ]);
      expect(download.url().startsWith(s3?.endpoint ?? "")).toBe(true);
      expect(download.suggestedFilename()).toBe("margins.pdf");
      expect(new Uint8Array(await readFile(await download.path()))).toEqual(pdf);

      expect([...onA.problems, ...onB.problems]).toEqual([]);
      await onA.context.close();
      await onB.context.close();
    });
  });
}
