import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("tool and sandbox configuration", () => {
  it("defaults to eight tool steps and JavaScript only, with the sandbox's limits", () => {
    const config = loadConfig({});
    expect(config.tools).toEqual({ maxSteps: 8 });
    expect(config.sandbox).toEqual({
      languages: ["javascript"],
      timeoutMs: 5_000,
      memoryMb: 64,
      stackKb: 512,
      workers: 2,
      pythonMemoryMb: 512,
    });
  });

  it("reads SANDBOX_LANGUAGES as a list, `none` for no run_code", () => {
    expect(loadConfig({ SANDBOX_LANGUAGES: "python, javascript,python" }).sandbox.languages).toEqual([
      "python",
      "javascript",
    ]);
    expect(loadConfig({ SANDBOX_LANGUAGES: "none" }).sandbox.languages).toEqual([]);
  });

  it("refuses an unknown language, too few steps and a memory limit QuickJS cannot start in, all at once", () => {
    const attempt = () => loadConfig({ SANDBOX_LANGUAGES: "ruby", MAX_TOOL_STEPS: "0", SANDBOX_MEMORY_MB: "16" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.split(":")[0])).toEqual([
        "MAX_TOOL_STEPS",
        "SANDBOX_LANGUAGES.0",
        "SANDBOX_MEMORY_MB",
      ]);
    }
  });
});

describe("automation and Slack configuration", () => {
  it("turns the Slack app on only with its secret, token and account, and refuses half of it", () => {
    expect(loadConfig({}).slack).toBeUndefined();
    expect(loadConfig({}).automation).toEqual({ triggerRunTimeoutMs: 600_000, webhookRetryBaseMs: 10_000 });
    const slack = loadConfig({
      SLACK_SIGNING_SECRET: "s",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_USER_EMAIL: "Bot@Example.com",
      SLACK_API_URL: "http://127.0.0.1:9/api",
    }).slack;
    expect(slack).toEqual({
      signingSecret: "s",
      botToken: "xoxb-1",
      userEmail: "bot@example.com",
      apiUrl: "http://127.0.0.1:9/api/",
      model: undefined,
    });
    try {
      loadConfig({ SLACK_SIGNING_SECRET: "s" });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.split(":")[0])).toEqual([
        "SLACK_BOT_TOKEN",
        "SLACK_USER_EMAIL",
      ]);
    }
  });
});
