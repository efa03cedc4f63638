// Drives apps/web/index.html against a running server with headless Chromium; writes screenshots.
// Usage: BASE=http://127.0.0.1:3999 node apps/web/e2e.mjs   (needs playwright-core and /usr/bin/chromium)
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const BASE = process.env.BASE ?? "http://127.0.0.1:3999";
const SHOTS = process.env.SHOTS ?? "/tmp/web-shots";
mkdirSync(SHOTS, { recursive: true });
const check = (ok, what) => {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
};

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const problems = [];
async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on(
    "console",
    (m) =>
      m.type() === "error" && !/status of (401|404|409|410)/.test(m.text()) && problems.push(`console: ${m.text()}`),
  );
  return page;
}
const email = `newcomer-${Date.now()}@example.com`;
const password = "correct horse battery";

try {
  const page = await newPage({ width: 1280, height: 800 });
  await page.goto(BASE);
  await page.getByLabel("Email").waitFor();
  await page.screenshot({ path: `${SHOTS}/signin-1280.png` });

  // Validation and sign-up.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  check(/at least 8/.test(await page.getByRole("alert").first().textContent()), "short password is explained");
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Name").fill("Ada");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("button", { name: "New chat" }).waitFor();
  check(true, "sign up shows the chat");
  await page.screenshot({ path: `${SHOTS}/empty-1280.png` });

  // Model picker lists demo/echo.
  const options = await page.locator("#model option").evaluateAll((os) => os.map((o) => o.value));
  check(options.includes("demo/echo"), `model picker lists demo/echo (${options.join(", ")})`);

  // Send (Shift+Enter newline, Enter sends) and watch the reply grow.
  const box = page.getByLabel("Message");
  await box.fill("Hello there");
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await box.press("Enter");
  const reply = page.locator(".msg.assistant").last();
  const lengths = new Set();
  let shot = false;
  for (let i = 0; i < 200; i++) {
    if (!shot && lengths.size > 3) {
      shot = true;
      await page.screenshot({ path: `${SHOTS}/streaming-1280.png` });
    }
    const status = await reply.getAttribute("data-status").catch(() => null);
    lengths.add(
      (
        await reply
          .locator(".bubble")
          .textContent()
          .catch(() => "")
      ).length,
    );
    if (status === "complete") break;
    await page.waitForTimeout(20);
  }
  check((await reply.getAttribute("data-status")) === "complete", "reply completes");
  check(lengths.size > 5, `reply grew in ${lengths.size} steps`);
  const text = await reply.locator(".bubble").textContent();
  check(text.includes("Hello there\nsecond line"), "reply keeps the newline");
  check(
    (await page.locator(".msg.user .bubble").last().textContent()) === "Hello there\nsecond line",
    "user bubble shows text",
  );
  await page.waitForFunction(() =>
    document.querySelector("#convs li.current span")?.textContent.startsWith("Hello there"),
  );
  check(true, "conversation got its title in the sidebar");
  await page.screenshot({ path: `${SHOTS}/chat-1280.png` });

  // Stop with Escape.
  const long = Array.from({ length: 250 }, (_, i) => `word${i}`).join(" ");
  await box.fill(long);
  await box.press("Enter");
  await page.getByRole("button", { name: "Stop" }).waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press("Escape");
  await page
    .locator(".msg.assistant")
    .last()
    .and(page.locator('[data-status="cancelled"]'))
    .waitFor({ timeout: 10000 });
  check(await page.getByRole("button", { name: "Stop" }).isHidden(), "Escape stops the reply and hides Stop");
  await page.screenshot({ path: `${SHOTS}/stopped-1280.png` });

  // Reload mid-stream: the page re-attaches to the running reply.
  await box.fill(long);
  await box.press("Enter");
  await page.waitForTimeout(400);
  await page.reload();
  const resumed = page.locator(".msg.assistant").last();
  await resumed.and(page.locator('[data-status="streaming"]')).waitFor({ timeout: 5000 });
  check(true, "reload shows the reply still streaming");
  await resumed.and(page.locator('[data-status="complete"]')).waitFor({ timeout: 20000 });
  check(
    (await resumed.locator(".bubble").textContent()).endsWith("word249"),
    "re-attached reply completes with full text",
  );

  // An error reply. The demo model never fails, so fake one over the real conversation: a reply that is still
  // "streaming" whose stream sends some text then an error part, and which is persisted as an error afterwards.
  const convId = await page.evaluate(() => location.hash.slice(1));
  const errorText = "The provider rejected the API key (401 Unauthorized).";
  let served = false;
  await page.route(`**/api/conversations/${convId}/messages`, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    const body = await (await route.fetch()).json();
    const base = { ...body.messages.at(-1), model: "demo/echo" };
    body.messages.push(
      {
        ...base,
        id: "fake-user",
        role: "user",
        content: "Will this one fail?",
        status: "complete",
        error: null,
        streamId: null,
      },
      {
        ...base,
        id: "fake-reply",
        role: "assistant",
        content: served ? "Partial answer" : "Part",
        status: served ? "error" : "streaming",
        error: served ? errorText : null,
        streamId: "fake-stream",
      },
    );
    await route.fulfill({ json: body });
  });
  const parts = [
    { type: "start" },
    { type: "text-start", id: "0" },
    { type: "text-delta", id: "0", delta: "Partial " },
    { type: "text-delta", id: "0", delta: "answer" },
    { type: "error", errorText },
  ];
  await page.route("**/api/streams/fake-stream", async (route) => {
    served = true;
    const sse = `${parts.map((part, i) => `id: ${i + 1}\ndata: ${JSON.stringify(part)}\n\n`).join("")}data: [DONE]\n\n`;
    await route.fulfill({ status: 200, headers: { "content-type": "text/event-stream" }, body: sse });
  });
  await page.reload();
  const failed = page.locator('.msg[data-id="fake-reply"][data-status="error"]');
  await failed.waitFor({ timeout: 5000 });
  check((await failed.locator(".bubble").textContent()) === "Partial answer", "streamed text before the error is kept");
  check((await failed.locator(".note").textContent()) === errorText, "error reply shows its error text");
  check(await failed.locator(".note").isVisible(), "error text is visible");
  await page.screenshot({ path: `${SHOTS}/error-1280.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/error-1280-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });

  // A stream the server no longer keeps (410): show the persisted message.
  served = false;
  await page.unroute("**/api/streams/fake-stream");
  await page.route("**/api/streams/fake-stream", async (route) => {
    served = true;
    await route.fulfill({ status: 410, json: { error: { code: "stream_expired", message: "gone" } } });
  });
  await page.reload();
  await failed.waitFor({ timeout: 5000 });
  await page.waitForTimeout(300);
  check(
    served && (await page.getByRole("button", { name: "Stop" }).isHidden()),
    "410 falls back to the persisted reply",
  );
  await page.unrouteAll();

  // Wrong password and taken email, in a fresh context.
  const other = await newPage({ width: 1280, height: 800 });
  await other.goto(BASE);
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill("wrong password!");
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.getByText("Wrong email or password").waitFor();
  check(true, "wrong password is explained");
  await other.getByLabel("Password").fill(password);
  await other.getByRole("button", { name: "Sign up" }).click();
  await other.getByText("already exists").waitFor();
  check(true, "taken email is explained");
  await other.screenshot({ path: `${SHOTS}/signin-error-1280.png` });

  // Narrow screen, signed in as the same user.
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.getByRole("button", { name: "New chat" }).waitFor({ state: "attached" });
  await other.setViewportSize({ width: 390, height: 844 });
  await other.getByRole("button", { name: "Show conversations" }).click();
  await other.getByRole("button", { name: /^Hello there/ }).click();
  await other.locator(".msg.assistant").first().waitFor();
  await other.waitForTimeout(300); // drawer slide-out
  const overflow = await other.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scroll at 390 px (${overflow})`);
  await other.screenshot({ path: `${SHOTS}/chat-390.png` });
  await other.getByRole("button", { name: "Show conversations" }).click();
  await other.waitForTimeout(300);
  await other.screenshot({ path: `${SHOTS}/drawer-390.png` });
  await other.keyboard.press("Escape");

  // New chat, then delete it (two clicks).
  await other.getByRole("button", { name: "Show conversations" }).click();
  await other.getByRole("button", { name: "New chat" }).click();
  await other.getByLabel("Message").fill("Throwaway chat");
  await other.getByLabel("Message").press("Enter");
  await other.locator('.msg.assistant[data-status="complete"]').waitFor({ timeout: 10000 });
  await other.screenshot({ path: `${SHOTS}/new-chat-390.png` });
  const before = await other.locator("#convs li").count();
  await other.getByRole("button", { name: "Show conversations" }).click();
  await other.getByRole("button", { name: /^Delete conversation .Throwaway/ }).click();
  await other.getByRole("button", { name: /^Confirm deleting/ }).click();
  await other.waitForFunction((n) => document.querySelectorAll("#convs li").length === n - 1, before);
  check(true, "delete removes the conversation");
  await other.keyboard.press("Escape");
  await other.getByRole("button", { name: "Sign out" }).click();
  await other.getByLabel("Email").waitFor();
  await other.screenshot({ path: `${SHOTS}/signin-390.png` });
  check(true, "sign out returns to the sign-in form");

  check(problems.length === 0, `no page errors${problems.length ? `: ${problems.join(" | ")}` : ""}`);
} finally {
  await browser.close();
}
