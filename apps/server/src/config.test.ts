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
