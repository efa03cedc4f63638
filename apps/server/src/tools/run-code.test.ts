import { describe, expect, it } from "vitest";
import type { CodeSandbox, RunResult } from "../sandbox/index.ts";
import { createRunCodeTool } from "./run-code.ts";
import type { ToolCallContext } from "./types.ts";

/** A sandbox that records its runs and answers with `answer`. */
function fakeSandbox(languages: CodeSandbox["languages"], answer: RunResult) {
  const runs: { language: string; code: string; signal?: AbortSignal }[] = [];
  const sandbox: CodeSandbox = {
    languages,
    run: async (input) => {
      runs.push(input);
      return answer;
    },
    close: async () => {},
  };
  return { sandbox, runs };
}

const context: ToolCallContext = {
  principal: { userId: "u1", role: "user", via: "session" },
  conversationId: "c1",
  toolCallId: "call-1",
  signal: new AbortController().signal,
};

describe("run_code", () => {
  it("describes the languages this server runs, defaulting to the first", async () => {
    const { sandbox } = fakeSandbox(["javascript", "python"], { ok: true, output: "", durationMs: 1 });
    const [tool] = await createRunCodeTool({ sandbox }).list();
    expect(tool).toMatchObject({ id: "run_code", name: "run_code", source: "builtin" });
    expect(tool?.description).toMatch(/JavaScript .*Python/);
    expect(tool?.inputSchema).toMatchObject({
      required: ["code"],
      properties: { language: { enum: ["javascript", "python"], default: "javascript" } },
    });
  });

  it("runs the code with the call's signal, and returns the result and output, or the error", async () => {
    const ok = fakeSandbox(["javascript"], { ok: true, result: "2", output: "hi\n", durationMs: 1 });
    const tool = createRunCodeTool({ sandbox: ok.sandbox });
    const [descriptor] = await tool.list();
    if (!descriptor) throw new Error("no run_code");
    expect(await tool.execute({ tool: descriptor, input: { code: "1+1" }, context })).toEqual({
      result: "2",
      output: "hi\n",
    });
    expect(ok.runs).toEqual([{ language: "javascript", code: "1+1", signal: context.signal }]);

    const failing = fakeSandbox(["javascript"], {
      ok: false,
      error: "Timed out after 5 ms.",
      output: "",
      durationMs: 5,
    });
    const failingTool = createRunCodeTool({ sandbox: failing.sandbox });
    expect(await failingTool.execute({ tool: descriptor, input: { code: "for(;;){}" }, context })).toEqual({
      error: "Timed out after 5 ms.",
      output: "",
    });
  });

  it("refuses input without code, or in a language this server does not run", async () => {
    const { sandbox, runs } = fakeSandbox(["javascript"], { ok: true, output: "", durationMs: 1 });
    const tool = createRunCodeTool({ sandbox });
    const [descriptor] = await tool.list();
    if (!descriptor) throw new Error("no run_code");
    await expect(tool.execute({ tool: descriptor, input: {}, context })).rejects.toThrow(/run_code needs/);
    await expect(
      tool.execute({ tool: descriptor, input: { code: "print(1)", language: "python" }, context }),
    ).rejects.toThrow(/this server runs javascript/);
    expect(runs).toEqual([]);
  });
});
