import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Whether the e2e suites can run. Without Debian's Chromium they skip, saying why; with
 * REQUIRE_SERVICES=1 (CI) a missing browser is a failure instead.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(`${CHROMIUM_PATH} is missing and REQUIRE_SERVICES=1: install it with apt-get install -y chromium`);
  }
  console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
  return false;
}

/**
 * Headless Chromium (Playwright gives each launch a fresh temporary profile, and each test a new context),
 * with no sandbox, GPU or background traffic.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A new context and page that fail the test on page errors and unexpected console errors. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const problems = watchProblems(page);
  return { context, page, problems };
}

/** Page errors and console errors, except the expected HTTP failures of signed-out checks and wrong passwords. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/status of (401|409)/.test(message.text()) || /session check failed/.test(message.text())) return;
    problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/**
 * Where the tests save screenshots: an ignored folder, so that a test run changes no tracked file.
 * `npm run screenshots` copies them into the committed `e2e/screenshots/`.
 */
export const SCREENSHOTS_DIR = join(import.meta.dirname, "..", ".output", "screenshots");

/** Saves a screenshot of the page as `<name>.png`, with transitions and animations run to their end. */
export async function saveScreenshot({ page, name }: { page: Page; name: string }) {
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), animations: "disabled" });
}
