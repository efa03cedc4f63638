import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { newAccount, signUp, startAppServer } from "./app.ts";
import { launchBrowser, openPage } from "./browser.ts";

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

type TwoPeople = {
  ada: Page;
  bob: Page;
  bobAccount: ReturnType<typeof newAccount>;
  problems: string[][];
  browser: Browser;
};

/**
 * Ada and Bob, each signed up in a page of their own, on the servers `start` gives (one for both, or one each), in a
 * Chromium started before a file's tests; `start`'s `stop` and the browser's close run after them.
 */
export function useTwoPeople(start: () => Promise<{ adaUrl: string; bobUrl: string; stop: () => Promise<void> }>) {
  let people: TwoPeople | undefined;
  let stopServers: (() => Promise<void>) | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { adaUrl, bobUrl, stop } = await start();
    stopServers = stop;
    const launched = await launchBrowser();
    closeBrowser = launched.close;
    const [first, second] = [await openPage(launched.browser), await openPage(launched.browser)];
    const bobAccount = newAccount("Bob");
    await signUp(first.page, adaUrl, newAccount("Ada"));
    await signUp(second.page, bobUrl, bobAccount);
    people = {
      ada: first.page,
      bob: second.page,
      bobAccount,
      problems: [first.problems, second.problems],
      browser: launched.browser,
    };
  });
  afterAll(async () => {
    await closeBrowser?.();
    await stopServers?.();
  });
  return () => {
    if (!people) throw new Error("the two people sign up in beforeAll");
    return people;
  };
}
