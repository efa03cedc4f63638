import type { Message, MessagePart } from "@slipstream/protocol";
import { describe, expect, it } from "vitest";
import { answers, conversationIdOf, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useAppAndBrowser } from "./support/fixture.ts";
import type { Script } from "./support/scripted-provider.ts";

const REASONING =
  "The user wants a sorting algorithm for a general list. Stability matters if records are sorted by " +
  "several keys. Timsort is stable and fast on partly sorted data, which is common in practice.";
const ANSWER = "Use your language's built-in sort: in Python that is **Timsort**, stable and `O(n log n)`.";

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
const afterReasoning = gate();
const beforeEnd = gate();

/** "Think" gets reasoning then an answer, pausing at each stage until the test goes on; anything else is echoed. */
const script: Script = (text) =>
  /think/i.test(text)
    ? {
        reasoning: REASONING,
        text: ANSWER,
        chunkSize: 10,
        delayMs: 5,
        afterReasoning: afterReasoning.opened,
        beforeEnd: beforeEnd.opened,
      }
    : { text: `You said: ${text}`, chunkSize: 4, delayMs: 2 };

const svg = (fill: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120"><rect width="320" height="120" rx="8" fill="${fill}"/>` +
      `<path d="M10 100 L80 60 L150 75 L220 30 L310 45" stroke="white" stroke-width="4" fill="none"/></svg>`,
  )}`;

/** What a saved reply that used tools and made files holds, as the server will save it. */
const savedParts = (text: string): MessagePart[] => [
  { type: "step-start" },
  { type: "reasoning", text: "I should look the forecast up rather than guess." },
  {
    type: "tool-get_weather",
    toolCallId: "call-1",
    state: "output-available",
    input: { city: "Lisbon", days: 3 },
    output: { forecast: [21, 23, 19], unit: "°C" },
  },
  {
    type: "dynamic-tool",
    toolName: "fetch_page",
    toolCallId: "call-2",
    state: "output-error",
    input: {},
    errorText: "The page took too long to answer.",
  },
  { type: "tool-run_code", toolCallId: "call-3", state: "input-available", input: { code: "mean([21, 23, 19])" } },
  { type: "step-start" },
  { type: "text", text },
  { type: "file", mediaType: "image/svg+xml", url: svg("#4f5bd5"), filename: "forecast-chart.svg" },
  { type: "file", mediaType: "text/csv", url: "/api/files/forecast", filename: "forecast.csv" },
  { type: "data-usage", data: { tokens: 42 } },
];

describe.runIf(chromiumAvailable())("what an answer holds: reasoning, tool calls and files", () => {
  const app = useAppAndBrowser(script);

  it("shows the model's reasoning as it arrives, then folds it above the answer", async () => {
    const { page, context, problems } = await openPage(app.browser);
    await signUp(page, app.server.url);
    await sendMessage(page, "Think it over: which sorting algorithm should I use?");
    const answer = answers(page).last();
    const reasoning = answer.locator("details.reasoning");
    await reasoning.filter({ hasText: REASONING }).waitFor();
    expect(await reasoning.getAttribute("open")).not.toBeNull();
    expect(await reasoning.locator("summary").textContent()).toBe("Thinking…");
    expect(await answer.getAttribute("aria-busy")).toBe("true");
    await saveScreenshot({ page, name: "reasoning" });

    afterReasoning.open();
    const text = answer.locator(".message-parts > .markdown");
    await text.filter({ hasText: "stable and O(n log n)." }).waitFor();
    expect(await reasoning.locator("summary").textContent()).toBe("Thought for a moment");
    expect(await reasoning.getAttribute("open")).toBeNull();
    expect(await reasoning.locator(".reasoning-body").isVisible()).toBe(false);
    await reasoning.locator("summary").click();
    expect(await reasoning.locator(".reasoning-body").isVisible()).toBe(true);
    await reasoning.locator("summary").click();
    await page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot({ page, name: "reasoning-dark" });

    beforeEnd.open();
    await waitForAnswersDone(page);
    expect(((await text.textContent()) ?? "").trim()).toBe(
      "Use your language's built-in sort: in Python that is Timsort, stable and O(n log n).",
    );
    // Whether the saved reply keeps its reasoning is the server's to say; folded or gone, it is not in the way.
    expect(await answer.locator("details.reasoning[open]").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("renders the tool calls and files of a saved answer, in light and dark", async () => {
    // Tall enough for the whole answer to be in the screenshots.
    const { page, context, problems } = await openPage(app.browser, { viewport: { width: 1280, height: 1240 } });
    await signUp(page, app.server.url);
    await sendMessage(page, "What will the weather be in Lisbon?");
    await waitForAnswersDone(page);
    const conversationId = conversationIdOf(page);
    // The server saves one text part for now: the browser gets the reply as it will be saved with its tools.
    // The app opens a conversation from its snapshot.
    await page.route(`**/api/conversations/${conversationId}/snapshot`, async (route) => {
      const response = await route.fetch();
      const snapshot = (await response.json()) as { messages: Message[] };
      const reply = snapshot.messages.findLast((message) => message.role === "assistant");
      if (reply) reply.parts = savedParts("Lisbon stays **warm**: 21, 23 and 19 °C over the next three days.");
      await route.fulfill({ response, json: snapshot });
    });
    await page.reload();
    const answer = answers(page).last();
    const cards = answer.locator("details.tool-card");
    await cards.first().waitFor();
    expect(await cards.locator("summary").allTextContents()).toEqual([
      "get_weatherdone",
      "fetch_pageerror",
      "run_coderunning",
    ]);
    await cards.nth(0).locator("summary").click();
    await cards.nth(1).locator("summary").click();
    expect(await cards.nth(0).locator("pre").allTextContents()).toEqual([
      '{\n  "city": "Lisbon",\n  "days": 3\n}',
      '{\n  "forecast": [\n    21,\n    23,\n    19\n  ],\n  "unit": "°C"\n}',
    ]);
    expect(await cards.nth(1).locator(".tool-value.error").textContent()).toBe("The page took too long to answer.");
    const chart = answer.getByRole("img", { name: "forecast-chart.svg" });
    await chart.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('img[alt="forecast-chart.svg"]');
      return image?.complete && image.naturalWidth > 0;
    });
    expect(await answer.getByRole("link", { name: "forecast.csv" }).getAttribute("href")).toBe("/api/files/forecast");
    // A data part (`data-usage`, `{ tokens: 42 }`) is not shown among the parts; the reply's own usage is, in its meta line.
    expect(await answer.locator(".message-parts").textContent()).not.toContain("tokens");
    await page.locator(".thread-scroller").evaluate((element) => element.scrollTo(0, 0));
    await saveScreenshot({ page, name: "parts" });
    await page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot({ page, name: "parts-dark" });
    expect(problems).toEqual([]);
    await context.close();
  });
});
