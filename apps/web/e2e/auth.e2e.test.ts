import { describe, expect, it } from "vitest";
import { newAccount, signUp } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";

describe.runIf(chromiumAvailable())("signing up, in and out", () => {
  const app = useAppAndBrowser();

  it("signs up, asks a taken email to sign in, explains a wrong password, signs out and back in", async () => {
    const { page, problems, context } = await openPage(app.browser);
    await page.goto(app.server.url);
    await page.getByLabel("Email").waitFor();
    await saveScreenshot({ page, name: "sign-in" });

    const account = await signUp(page, app.server.url);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();

    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill("another long password");
    await page.getByRole("button", { name: "Sign up" }).click();
    // The server answers a taken email as a new one, signing nobody in; the page then asks for a sign-in.
    expect(await page.getByRole("alert").textContent()).toMatch(/If it already has one, sign in/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();

    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByRole("alert").textContent()).toBe("Wrong email or password.");

    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Conversations" }).textContent()).toContain(account.name);

    // The session survives a reload.
    await page.reload();
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("explains a short password before asking the server", async () => {
    const { page, context } = await openPage(app.browser);
    await page.goto(app.server.url);
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill(newAccount().email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    expect(await page.getByRole("alert").textContent()).toMatch(/at least 8 characters/);
    await context.close();
  });
});
