import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startAppServer } from "./app.ts";
import { launchBrowser } from "./browser.ts";

type AppServer = Awaited<ReturnType<typeof startAppServer>>;

/** Starts the app (answered by `script`) and a Chromium before a file's tests, and stops both after them. */
export function useAppAndBrowser(...args: Parameters<typeof startAppServer>) {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    server = await startAppServer(...args);
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the app and browser start in beforeAll");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
