import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answers, conversationIdOf, sendMessage, signUp, userMessages, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";

const CHATGPT_EXPORT = join(
  import.meta.dirname,
  "..",
  "..",
  "server",
  "test",
  "fixtures",
  "chatgpt-conversations.json",
);

describe.runIf(chromiumAvailable())("bringing conversations in", () => {
  const app = useAppAndBrowser();

  it("imports ChatGPT's conversations.json from Settings, following the job until they are in the sidebar", async () => {
    const { page, context, problems } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "Import" }).click();
    await page.getByLabel("File to import").setInputFiles(CHATGPT_EXPORT);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Imported 3 conversations; they are in your sidebar.").waitFor();
    await saveScreenshot({ page, name: "settings-import" });

    const sidebar = page.getByRole("navigation", { name: "Conversations" });
    for (const title of ["Fibonacci in Python", "Tabby cat breed", "New chat"]) {
      await sidebar.getByRole("link", { name: new RegExp(title) }).waitFor();
    }
    await sidebar.getByRole("link", { name: /Fibonacci in Python/ }).click();
    // The branch ChatGPT showed last is the one on screen: the edited question and its answer after the code.
    await expect.poll(() => answers(page).last().textContent()).toContain("fib(30) is 832040");
    expect(await userMessages(page).first().textContent()).toContain("Write a memoized Fibonacci function");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("continues a shared conversation as a copy, signing the reader up first when they are not signed in", async () => {
    const owner = await openPage(app.browser);
    await signUp(owner.page, app.server.url);
    await sendMessage(owner.page, "Name three rivers of France");
    await waitForAnswersDone(owner.page);
    const created = await owner.page.request.post(
      `${app.server.url}/api/conversations/${conversationIdOf(owner.page)}/shares`,
      { headers: { origin: app.server.url } },
    );
    const { share } = (await created.json()) as { share: { url: string } };

    const reader = await openPage(app.browser);
    await reader.page.goto(share.url);
    await reader.page.getByRole("link", { name: "Sign in to continue this conversation" }).click();
    await signUp(reader.page, app.server.url, undefined, new URL(reader.page.url()).pathname);
    await expect.poll(() => reader.page.url()).toMatch(/\/c\//);
    expect(await userMessages(reader.page).first().textContent()).toContain("Name three rivers of France");
    await sendMessage(reader.page, "And two of Spain");
    await waitForAnswersDone(reader.page);
    expect(await answers(reader.page).last().textContent()).toContain("You said: And two of Spain");
    await saveScreenshot({ page: reader.page, name: "share-continued" });

    // Signed in, the page offers the copy straight away; the owner's conversation is left as it was.
    await reader.page.goto(share.url);
    await reader.page.getByRole("link", { name: "Continue this conversation" }).click();
    await expect.poll(() => reader.page.url()).toMatch(/\/c\//);
    await expect.poll(() => answers(reader.page).count()).toBe(1);
    expect(await answers(owner.page).count()).toBe(1);
    expect([...owner.problems, ...reader.problems]).toEqual([]);
    await owner.context.close();
    await reader.context.close();
  });
});
