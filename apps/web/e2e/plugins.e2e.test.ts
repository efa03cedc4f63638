import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureHttpServer, startFixtureHttpServer } from "../../server/test/mcp/http-server.ts";
import { createGitWorkspace, pluginFiles } from "../../server/test/plugins/git-workspace.ts";
import { eventually, FAKE_MODEL, removeDir, startServerWithFakeProvider } from "../../server/test/support.ts";
import { answers, conversationIdOf, newAccount, sendMessage, signUp, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, launchBrowser, openPage, saveScreenshot } from "./support/browser.ts";

const EXAMPLE = join(import.meta.dirname, "..", "..", "..", "examples", "plugins", "chart");
const example = async (file: string) => readFile(join(EXAMPLE, file), "utf8");
const BARS = {
  title: "Fruit",
  bars: [
    { label: "apples", value: 3 },
    { label: "pears", value: 5 },
  ],
};

/** A plugin whose UI module's component throws, and whose tool also asks for a component the module lacks. */
const brokenUi = {
  ...pluginFiles(
    "broken",
    `export default { tools: {
      boom: { description: "boom", inputSchema: { type: "object" }, execute: ({ component }) => ({ ui: { component } }) },
    } };`,
    { ui: "ui.js" },
  ),
  "broken/ui.js": `export function Boom() { throw new Error("the component blew up"); }`,
};

describe.runIf(chromiumAvailable())("plugin UI modules in the browser", () => {
  let app: Awaited<ReturnType<typeof startServerWithFakeProvider>>;
  let workspace: Awaited<ReturnType<typeof createGitWorkspace>>;
  let root: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let mcp: FixtureHttpServer;
  const admin = { ...newAccount("Root"), email: `root-${process.pid}@example.test` };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "slipstream-plugins-e2e-"));
    workspace = await createGitWorkspace(join(root, "plugins"));
    await workspace.write({
      "chart/plugin.json": await example("plugin.json"),
      "chart/index.js": await example("index.js"),
      "chart/ui.js": await example("ui.js"),
      ...brokenUi,
      ...pluginFiles("looper", "for (;;) {}"),
    });
    await workspace.commit("the example chart plugin");
    mcp = await startFixtureHttpServer();
    const mcpConfig = join(root, "mcp.json");
    await writeFile(
      mcpConfig,
      JSON.stringify({ mcpServers: { fixture: { url: mcp.url }, down: { url: "http://127.0.0.1:9/mcp" } } }),
    );
    app = await startServerWithFakeProvider({
      DEFAULT_MODEL: FAKE_MODEL,
      PLUGINS_DIR: workspace.dir,
      PLUGIN_LOAD_TIMEOUT_MS: "3000",
      MCP_CONFIG: mcpConfig,
      ADMIN_EMAILS: admin.email,
    });
    await Promise.all([app.server.app.pluginsStarted, app.server.app.mcpStarted]);
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await app?.stop();
    await mcp?.close();
    await removeDir(root);
  });

  async function enableTools(page: Page, names: RegExp[]) {
    const menu = page.locator("details.tools-menu");
    await menu.locator("summary").click();
    for (const name of names) await page.getByRole("checkbox", { name }).check();
    await menu.locator("summary").click();
  }

  it("shows the plugin's own component for its tool's output, and a commit changes tool and UI mid-stream", async () => {
    const { page, context, problems } = await openPage(browser);
    await signUp(page, app.server.url);
    await enableTools(page, [/chart__bar_chart/]);

    await sendMessage(page, `[[tool:chart__bar_chart:${JSON.stringify(BARS)}]]`);
    const view = answers(page).last().locator('.plugin-view[data-plugin="chart"]');
    await view.locator("svg.chart-plugin rect").nth(1).waitFor();
    expect(await view.locator("svg.chart-plugin rect").count()).toBe(2);
    expect(await view.locator("figcaption").textContent()).toBe("Fruit");
    await waitForAnswersDone(page);
    expect(await answers(page).last().textContent()).toContain("2 bars, total 8");
    await saveScreenshot({ page, name: "plugin-chart" });

    // A reply streams (held by the fake provider) while a commit changes the plugin's tool and its UI.
    await sendMessage(page, "[[pause:2]][[repeat:6]]streaming on ");
    const before = await answers(page).count();
    const ui = (await example("ui.js"))
      .replace("caption: title", 'caption: title + " (v2)"')
      .replace("#4f7cff", "#e0522c");
    const tool = (await example("index.js")).replace("bars, total", "bars (v2), total");
    await workspace.write({ "chart/ui.js": ui, "chart/index.js": tool });
    const commit = await workspace.commit("chart v2");
    await eventually(async () => {
      const listed = await page.evaluate(() => fetch("/api/plugins").then((response) => response.json()));
      expect(listed.plugins.find((plugin: { name: string }) => plugin.name === "chart").commit).toBe(commit);
    });
    const id = conversationIdOf(page);
    const during = await page.evaluate(
      (conversation) => fetch(`/api/conversations/${conversation}/messages`).then((response) => response.json()),
      id,
    );
    expect(during.messages.at(-1)).toMatchObject({ role: "assistant", status: "streaming" });
    app.fake.resume();
    await waitForAnswersDone(page);
    expect(
      await answers(page)
        .nth(before - 1)
        .textContent(),
    ).toContain("Echo: streaming on".repeat(6));

    await sendMessage(page, `[[tool:chart__bar_chart:${JSON.stringify(BARS)}]]`);
    const newView = answers(page).last().locator('.plugin-view[data-plugin="chart"]');
    await newView.locator("figcaption", { hasText: "Fruit (v2)" }).waitFor();
    expect(await newView.locator("rect").first().getAttribute("fill")).toBe("#e0522c");
    await waitForAnswersDone(page);
    expect(await answers(page).last().textContent()).toContain("2 bars (v2), total 8");
    await newView.scrollIntoViewIfNeeded();
    await saveScreenshot({ page, name: "plugin-chart-reloaded" });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("contains a component that throws, or one the module lacks, in an error card", async () => {
    const { page, context } = await openPage(browser);
    await signUp(page, app.server.url);
    await enableTools(page, [/broken__boom/]);
    await sendMessage(page, '[[tool:broken__boom:{"component":"Boom"}]]');
    const thrown = answers(page).last().locator(".plugin-error");
    await thrown.waitFor();
    expect(await thrown.textContent()).toContain("the component blew up");
    await waitForAnswersDone(page);
    await sendMessage(page, '[[tool:broken__boom:{"component":"Missing"}]]');
    const missing = answers(page).last().locator(".plugin-error");
    await missing.waitFor();
    expect(await missing.textContent()).toContain("no component Missing");
    // The app around it still works.
    await waitForAnswersDone(page);
    await sendMessage(page, "still here?");
    await answers(page).last().getByText("Echo: still here?").waitFor();
    await saveScreenshot({ page, name: "plugin-error-card" });
    await context.close();
  });

  it("shows administrators MCP servers and plugins with their state, and a conversation which tools are on", async () => {
    const { page, context, problems } = await openPage(browser);
    await signUp(page, app.server.url, admin);
    await enableTools(page, [/chart__bar_chart/, /fixture__shout/]);
    await sendMessage(page, "hello");
    await waitForAnswersDone(page);
    await page.getByRole("button", { name: "Conversation settings" }).click();
    const toolsOn = page.getByRole("region", { name: "Tools on in this conversation" });
    await toolsOn.getByText("chart__bar_chart").waitFor();
    expect(await toolsOn.textContent()).toContain("mcp:fixture");
    await saveScreenshot({ page, name: "conversation-tools-on" });
    await page.keyboard.press("Escape");

    await page.goto(`${app.server.url}/admin/tools`);
    const servers = page.getByRole("table", { name: "MCP servers" });
    await servers.getByRole("row", { name: /fixture/ }).waitFor();
    expect(await servers.getByRole("row", { name: /fixture/ }).textContent()).toMatch(/httpready.*fixture__shout/);
    expect(await servers.getByRole("row", { name: /down/ }).textContent()).toMatch(/error/);
    const plugins = page.getByRole("table", { name: "Plugins" });
    const listed = await page.evaluate(() => fetch("/api/plugins").then((response) => response.json()));
    const commit = listed.plugins.find((plugin: { name: string }) => plugin.name === "chart").commit as string;
    expect(await plugins.getByRole("row", { name: /^chart/ }).textContent()).toContain(commit.slice(0, 7));
    expect(await plugins.getByRole("row", { name: /^chart/ }).textContent()).toMatch(/loaded.*chart__bar_chart/);
    expect(await plugins.getByRole("row", { name: /^looper/ }).textContent()).toMatch(/error.*did not load within/);
    await saveScreenshot({ page, name: "admin-tools" });
    expect(problems).toEqual([]);
    await context.close();
  });
});
