import type { Page } from "playwright-core";
import { removeDir, startServer } from "../../../server/test/support.ts";
import { type Script, startScriptedProvider } from "./scripted-provider.ts";

/** Echoes quickly, unless a test scripts something else. */
const echo: Script = (text) => ({ text: `You said: ${text}`, chunkSize: 4, delayMs: 2 });

/**
 * The real server in this process, on a free port with a temp DATA_DIR, its only model answered by a
 * scripted provider; `url` is where the browser goes.
 */
export async function startAppServer(script: Script = echo, env: Record<string, string> = {}) {
  const provider = await startScriptedProvider(script);
  const server = await startServer({
    OPENAI_COMPATIBLE_BASE_URL: provider.baseUrl,
    DEFAULT_MODEL: provider.model,
    ...env,
  });
  return {
    url: server.url,
    server,
    model: provider.model,
    async stop() {
      await server.stop();
      await provider.close();
      await removeDir(server.dataDir);
    },
  };
}

let accounts = 0;

/** A fresh account's credentials. */
export function newAccount(name = "Ada") {
  accounts += 1;
  return {
    name,
    email: `${name.toLowerCase()}-${process.pid}-${Date.now()}-${accounts}@example.test`,
    password: "correct horse battery",
  };
}

/** Signs up through the form at `path` (the app's start by default) and waits for the chat. */
export async function signUp(page: Page, baseUrl: string, account = newAccount(), path = "/") {
  await page.goto(new URL(path, baseUrl).toString());
  await page.getByRole("button", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("textbox", { name: "Message" }).waitFor();
  return account;
}

/** Signs in through the form with an existing account and waits for the chat. */
export async function signIn(page: Page, baseUrl: string, account: { email: string; password: string }) {
  await page.goto(baseUrl);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("textbox", { name: "Message" }).waitFor();
}

export const answers = (page: Page) => page.getByRole("article", { name: "Answer" });

/** Types a message in the composer, sends it with Enter, and waits until its answer is on screen. */
export async function sendMessage(page: Page, text: string) {
  const before = await answers(page).count();
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await page.waitForFunction(
    (count) => document.querySelectorAll('article[aria-label="Answer"]').length > count,
    before,
  );
}
export const userMessages = (page: Page) => page.getByRole("article", { name: "Your message" });

/** Waits until no answer on screen is still being generated. */
export async function waitForAnswersDone(page: Page, timeout = 20_000) {
  await page.waitForFunction(() => document.querySelectorAll('article[aria-busy="true"]').length === 0, null, {
    timeout,
    polling: 100,
  });
}

/** The id in `/c/<id>`. */
export function conversationIdOf(page: Page): string {
  const match = /\/c\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`no conversation in ${page.url()}`);
  return decodeURIComponent(match[1]);
}
