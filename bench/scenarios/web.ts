import { createClient } from "@slipstream/client";
import type { Browser } from "playwright-core";
import {
  answers,
  conversationIdOf,
  sendMessage,
  signUp,
  startAppServer,
  waitForAnswersDone,
} from "../../apps/web/e2e/support/app.ts";
import { chromiumAvailable, launchBrowser, openPage } from "../../apps/web/e2e/support/browser.ts";
import {
  type FrameStats,
  installFrameMonitor,
  startFrames,
  stopFrames,
} from "../../apps/web/e2e/support/frame-monitor.ts";
import { longMarkdownAnswer } from "../../apps/web/e2e/support/long-answer.ts";
import type { Script } from "../../apps/web/e2e/support/scripted-provider.ts";
import { seedThread } from "../../apps/web/e2e/support/seed-thread.ts";
import { storedMessages } from "../../apps/web/e2e/support/stream-frames.ts";
import { buildWebIfStale } from "../../apps/web/scripts/build-if-stale.ts";
import { loadAverage } from "../machine.ts";
import type { StandaloneContext } from "./context.ts";

export type WebResult = {
  answer: {
    tokens: number;
    characters: number;
    blocks: number;
    seconds: number;
    /** Whether the stored answer is exactly the text the provider streamed. */
    intact: boolean;
    frames: FrameStats;
  };
  thread: {
    messages: number;
    /** Messages on the page once scrolled to the first one. */
    rendered: number;
    /** From the click on the conversation to its last message on screen. */
    openMs: number;
    opening: FrameStats;
    scrollSeconds: number;
    scrolling: FrameStats;
  };
  loadAverage: number[];
};

const THREAD_TITLE = "A very long thread";
const SHORT_ANSWER = "Sure: the **short** answer is `42`.\n\n- one reason\n- another reason";

type App = Awaited<ReturnType<typeof startAppServer>>;

async function streamLongAnswer({
  app,
  browser,
  answer,
  tokens,
}: {
  app: App;
  browser: Browser;
  answer: string;
  tokens: number;
}) {
  const { page, context } = await openPage(browser);
  try {
    await installFrameMonitor(page);
    await signUp(page, app.url);
    await startFrames(page);
    const started = performance.now();
    await sendMessage(page, "Write a long answer");
    await waitForAnswersDone(page, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const frames = await stopFrames(page);
    const blocks = await answers(page).last().locator(".md-block").count();
    const stored = await storedMessages(page, conversationIdOf(page));
    return { tokens, characters: answer.length, blocks, seconds, intact: stored.at(-1)?.content === answer, frames };
  } finally {
    await context.close();
  }
}

/** Opens a seeded conversation, then scrolls it to its first message two screens a step, as a reader would. */
async function openLongThread({ app, browser, messages }: { app: App; browser: Browser; messages: number }) {
  const { page, context } = await openPage(browser);
  try {
    await installFrameMonitor(page);
    const account = await signUp(page, app.url);
    const client = createClient({ baseUrl: app.url });
    await client.auth.login({ email: account.email, password: account.password });
    const conversation = await client.conversations.create({ title: THREAD_TITLE });
    const { dataDir } = app.server;
    await seedThread({ dataDir, conversationId: conversation.id, count: messages, answer: SHORT_ANSWER });
    await page.reload();
    const link = page.getByRole("link", { name: THREAD_TITLE });
    await link.waitFor();

    await startFrames(page);
    const started = performance.now();
    await link.click();
    await page.getByText(`Question number ${messages / 2}?`).waitFor();
    await answers(page).last().locator("li").first().waitFor();
    const openMs = performance.now() - started;
    const opening = await stopFrames(page);

    await startFrames(page);
    const scrollStarted = performance.now();
    const scroller = page.locator(".thread-scroller");
    for (;;) {
      const atTop = await scroller.evaluate((element) => {
        element.scrollBy(0, -2 * element.clientHeight);
        return element.scrollTop === 0 && !element.querySelector(".earlier");
      });
      if (atTop) break;
      // The pace of a reader's scroll steps, one a frame: the load this measures, not a wait for an event.
      await page.waitForTimeout(16);
    }
    await page.getByText("Question number 1?", { exact: true }).waitFor();
    const scrollSeconds = (performance.now() - scrollStarted) / 1000;
    const scrolling = await stopFrames(page);
    const rendered = await page.locator("article").count();
    return { messages, rendered, openMs, opening, scrollSeconds, scrolling };
  } finally {
    await context.close();
  }
}

/**
 * The web app in headless Chromium: frames and long tasks while a long Markdown answer streams, then opening a
 * long conversation and scrolling it to its start. Slipstream runs in this process (SQLite), as in the e2e tests,
 * answered by a scripted provider.
 */
export async function measureWeb({ sizes, log }: StandaloneContext): Promise<WebResult> {
  if (!chromiumAvailable()) throw new Error("no Chromium at /usr/bin/chromium (apt-get install -y chromium)");
  await buildWebIfStale({ log });
  const tokens = sizes.webAnswerTokens;
  const answer = longMarkdownAnswer(tokens);
  const script: Script = (text) =>
    /long/i.test(text) ? { text: answer, chunkSize: 40, delayMs: 1 } : { text: SHORT_ANSWER, chunkSize: 200 };
  const app = await startAppServer(script);
  const { browser, close } = await launchBrowser().catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
  try {
    const load = loadAverage();
    const streamed = await streamLongAnswer({ app, browser, answer, tokens });
    log(
      `web: ${tokens}-token answer in ${streamed.seconds.toFixed(1)} s, p95 frame ${streamed.frames.p95FrameMs} ms, ` +
        `longest task ${streamed.frames.longestTaskMs} ms${streamed.intact ? "" : ", NOT stored intact"}`,
    );
    const thread = await openLongThread({ app, browser, messages: sizes.webThreadMessages });
    log(
      `web: ${thread.messages} messages opened in ${Math.round(thread.openMs)} ms, scrolled to the first in ` +
        `${thread.scrollSeconds.toFixed(1)} s, p95 frame ${thread.scrolling.p95FrameMs} ms`,
    );
    return { answer: streamed, thread, loadAverage: load };
  } finally {
    await close();
    await app.stop();
  }
}
