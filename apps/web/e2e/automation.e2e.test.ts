import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../../server/src/automation/webhook-signing.ts";
import { signUp } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";

describe.runIf(chromiumAvailable())("the Triggers and Webhooks pages", () => {
  const app = useAppAndBrowser((text) => ({ text: `Handled: ${text}`, chunkSize: 6, delayMs: 2 }), {
    ALLOW_PRIVATE_BASE_URLS: "true",
  });
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push(body);
      response.writeHead(204).end();
    });
  });
  let receiverUrl = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it("create a webhook trigger whose URL and secret are shown once, run it, open its conversation, and see deliveries", async () => {
    const { page, context, problems } = await openPage(app.browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUp(page, app.server.url);

    await page.goto(new URL("/settings/webhooks", app.server.url).href);
    await page.getByLabel("Receiver URL").fill(receiverUrl);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.getByRole("button", { name: "Copy Signing secret" }).waitFor();
    expect(await page.locator(".secret").textContent()).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Done" }).click();

    await page.getByRole("tab", { name: "Triggers" }).click();
    await page.getByLabel("Trigger name").fill("New issues");
    await page.getByLabel("Prompt").fill("Triage {{body.title}}");
    await page.getByRole("button", { name: "Create trigger" }).click();
    await page.getByRole("button", { name: "Copy Signing secret" }).click();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Copy URL" }).click();
    const hookUrl = await page.evaluate(() => navigator.clipboard.readText());
    expect(hookUrl).toMatch(/\/hooks\//);
    await saveScreenshot({ page, name: "triggers-created" });
    await page.getByRole("button", { name: "Done" }).click();
    expect(await page.content()).not.toContain(secret);

    const body = JSON.stringify({ title: "Login page is blank" });
    const called = await fetch(hookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signedHeaders({ secret, id: "e2e-1", body, at: new Date() }),
      },
      body,
    });
    expect(called.status).toBe(202);

    const item = page.getByRole("region", { name: "New issues" });
    await expect
      .poll(
        async () => {
          await page.reload();
          await item.getByRole("button", { name: "Runs", exact: true }).click();
          return item.getByRole("table").textContent();
        },
        { timeout: 20_000 },
      )
      .toMatch(/complete/);
    await saveScreenshot({ page, name: "triggers-runs" });

    await item.getByRole("button", { name: "Pause" }).click();
    await item.getByRole("button", { name: "Resume" }).waitFor();
    expect(await item.textContent()).toContain("paused");

    // The runs stay open while the trigger is paused.
    await item.getByRole("link", { name: "Open" }).click();
    await page.getByText("Handled: Triage Login page is blank").waitFor();
    await saveScreenshot({ page, name: "triggers-run-conversation" });

    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.goto(new URL("/settings/webhooks", app.server.url).href);
    const hook = page.getByRole("region", { name: receiverUrl });
    await hook.getByRole("button", { name: "Deliveries" }).click();
    await hook.getByRole("cell", { name: "message.completed" }).waitFor();
    expect(await hook.getByRole("table").textContent()).toMatch(/delivered \(HTTP 204\)/);
    await saveScreenshot({ page, name: "webhooks-deliveries" });
    const before = received.length;
    await hook.getByRole("button", { name: "Send again" }).click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(before + 1);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
