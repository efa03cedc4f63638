import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../server/test/fake-provider/index.ts";
import { answers, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";

const GOOD_KEY = "sk-e2e-good-key-4242";
/** The first account of the server (its admin) and a second one, signed up by the tests below in order. */
const accounts: { admin?: { email: string; password: string }; user?: { email: string; password: string } } = {};

/** Saves the page in light, then in dark. */
async function screenshotBoth(page: Page, name: string) {
  await page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot({ page, name });
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot({ page, name: `${name}-dark` });
  await page.emulateMedia({ colorScheme: "light" });
}

describe.runIf(chromiumAvailable())("settings, usage and administration", () => {
  const app = useAppAndBrowser((text) => ({ text: `You said: ${text}`, chunkSize: 6, delayMs: 2 }), {
    ALLOW_PRIVATE_BASE_URLS: "true",
  });
  let ownServer: FakeProvider;
  beforeAll(async () => {
    ownServer = await startFakeProvider({ apiKeys: [GOOD_KEY], models: ["own-model"] });
  });
  afterAll(() => ownServer.close());

  it("shows a reply's tokens, and edits the conversation's settings from its header", async () => {
    const { page, context, problems } = await openPage(app.browser);
    accounts.admin = await signUp(page, app.server.url);
    await sendMessage(page, "How many tokens is this?");
    await waitForAnswersDone(page);
    const badge = answers(page).last().locator(".usage-badge");
    await expect.poll(() => badge.textContent()).toMatch(/tokens/);
    expect(await badge.getAttribute("title")).toMatch(/\d+ in, \d+ out; cost unknown/);

    await page.getByRole("button", { name: "Conversation settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Conversation settings" });
    await dialog.getByLabel("System prompt").fill("Answer like a pirate.");
    await dialog.getByLabel("Temperature").fill("0.4");
    await screenshotBoth(page, "conversation-settings");
    await dialog.getByRole("button", { name: "Save settings" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Conversation settings" }).click();
    expect(await page.getByLabel("System prompt").inputValue()).toBe("Answer like a pirate.");
    await page.keyboard.press("Escape");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("adds a provider key with the provider's verdict, makes a token shown once, and reports usage, by keyboard", async () => {
    const { page, context, problems } = await openPage(app.browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    accounts.user = await signUp(page, app.server.url);
    await sendMessage(page, "Count me in the usage page");
    await waitForAnswersDone(page);

    await page.getByRole("button", { name: "Settings", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("tab", { name: "Account" }).waitFor();
    await screenshotBoth(page, "settings-account");

    // The tab list moves with the arrow keys.
    await page.getByRole("tab", { name: "Account" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("tab", { name: "Provider keys" }).getAttribute("aria-selected")).toBe("true");
    expect(new URL(page.url()).pathname).toBe("/settings/keys");

    await page.getByLabel("Provider", { exact: true }).selectOption("openai-compatible");
    await page.getByLabel("Label", { exact: true }).fill("My box");
    await page.getByLabel("API key", { exact: true }).fill("sk-e2e-wrong-key-0000");
    await page.getByLabel("Base URL", { exact: true }).fill(`${ownServer.url}/v1`);
    await page.getByRole("button", { name: "Check and add key" }).click();
    const refusal = page.getByRole("alert");
    await expect.poll(() => refusal.textContent()).toMatch(/The provider refused the key: Incorrect API key provided/);
    expect(await refusal.textContent()).not.toContain("0000");
    await screenshotBoth(page, "settings-key-refused");
    await page.getByLabel("API key", { exact: true }).fill(GOOD_KEY);
    await page.getByRole("button", { name: "Check and add key" }).click();
    await page.getByRole("cell", { name: "…4242" }).waitFor();
    expect(await page.content()).not.toContain(GOOD_KEY);
    await screenshotBoth(page, "settings-keys");

    // A reload keeps the page it is on.
    await page.reload();
    await page.getByRole("cell", { name: "…4242" }).waitFor();
    await page.getByRole("tab", { name: "API tokens" }).click();
    await page.getByLabel("Token name", { exact: true }).fill("laptop");
    await page.keyboard.press("Enter");
    const secret = page.locator(".secret");
    await secret.waitFor();
    const shown = (await secret.textContent()) ?? "";
    expect(shown).toMatch(/^slip_/);
    await page.getByRole("button", { name: "Copy" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await screenshotBoth(page, "settings-token-created");
    const check = await fetch(new URL("/v1/models", app.server.url), { headers: { authorization: `Bearer ${shown}` } });
    const ids = ((await check.json()) as { data: { id: string }[] }).data.map((model) => model.id);
    expect(ids).toContain("my-box/own-model");
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "Revoke token laptop" }).click();
    await page.getByText("No tokens yet.").waitFor();

    await page.getByRole("tab", { name: "Usage" }).click();
    await page.getByRole("img", { name: "Tokens by day" }).waitFor();
    expect(await page.getByRole("cell", { name: app.server.model }).count()).toBe(1);
    await screenshotBoth(page, "settings-usage");
    // The refused key is a 422 the page expects, and the browser reports it.
    expect(problems.filter((problem) => !/status of 422/.test(problem))).toEqual([]);
    await context.close();
  });

  it("lets an admin see users with their usage, set limits, offer models and connect providers", async () => {
    const { page, context, problems } = await openPage(app.browser);
    await page.goto(app.server.url);
    await page.getByLabel("Email").fill(accounts.admin?.email ?? "");
    await page.getByLabel("Password").fill(accounts.admin?.password ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Administration" }).click();

    const limit = page.getByLabel(`Requests/min for ${accounts.user?.email}`);
    await limit.fill("5");
    const saved = page.waitForResponse((response) => response.request().method() === "PATCH");
    await page.getByRole("button", { name: `Save limits for ${accounts.user?.email}` }).click();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByLabel(`Requests/min for ${accounts.user?.email}`).inputValue()).toBe("5");
    await screenshotBoth(page, "admin-users");

    await page.getByRole("tab", { name: "Models" }).click();
    await page.getByLabel("Who is offered demo/echo").selectOption("admins");
    await expect.poll(() => page.getByLabel("Who is offered demo/echo").inputValue()).toBe("admins");
    await screenshotBoth(page, "admin-models");

    await page.getByRole("tab", { name: "Providers" }).click();
    await page.getByLabel("Name", { exact: true }).fill("ownbox");
    await page.getByLabel("Base URL", { exact: true }).fill(`${ownServer.url}/v1`);
    await page.getByLabel("API key (if it needs one)").fill(GOOD_KEY);
    await page.getByRole("button", { name: "Connect" }).click();
    await page.getByRole("cell", { name: "ownbox", exact: true }).waitFor();
    expect(await page.content()).not.toContain(GOOD_KEY);
    await screenshotBoth(page, "admin-providers");

    await page.getByRole("tab", { name: "Usage" }).click();
    await page.getByRole("img", { name: "Tokens by day" }).waitFor();
    await screenshotBoth(page, "admin-usage");
    expect(problems).toEqual([]);
    await context.close();
  });
});
