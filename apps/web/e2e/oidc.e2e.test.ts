import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OidcIdp, startOidcIdp } from "../../server/test/oidc-idp.ts";
import { answers, sendMessage, startAppServer, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, launchBrowser, openPage } from "./support/browser.ts";

describe.runIf(chromiumAvailable())("single sign-on in the browser", () => {
  let idp: OidcIdp;
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    idp = await startOidcIdp();
    server = await startAppServer(undefined, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: "Test IdP",
    });
    idp.registerClient(`${server.url}/api/auth/oidc/callback`);
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    await idp?.close();
  });

  it("signs in through the provider's button, chats, and signs out", async () => {
    idp.signInAs({ sub: "browser-user", email: "frank@example.test", email_verified: true, name: "Frank" });
    const { page, problems, context } = await openPage(browser);
    await page.goto(server.url);
    await page.getByRole("link", { name: "Continue with Test IdP" }).click();
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(await page.getByRole("navigation", { name: "Conversations" }).textContent()).toContain("Frank");

    await sendMessage(page, "hello from single sign-on");
    await waitForAnswersDone(page);
    expect(await answers(page).last().textContent()).toContain("You said: hello from single sign-on");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Continue with Test IdP" }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("comes back to the sign-in screen with a reason when the provider's token is refused", async () => {
    idp.spoilTokens("tampered");
    try {
      const { page, context } = await openPage(browser);
      await page.goto(server.url);
      await page.getByRole("link", { name: "Continue with Test IdP" }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe("Single sign-on did not complete. Try again.");
      expect(new URL(page.url()).search).toBe("");
      await context.close();
    } finally {
      idp.spoilTokens("none");
    }
  });
});
