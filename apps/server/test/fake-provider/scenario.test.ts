import { describe, expect, it } from "vitest";
import { parseScenario } from "./scenario.ts";

describe("parseScenario", () => {
  it("echoes the message without its directives, in deltas of 4 characters", () => {
    expect(parseScenario("  hello [[slow:5]] world ")).toEqual({
      reasoning: [],
      reply: "Echo: hello  world",
      deltas: ["Echo", ": he", "llo ", " wor", "ld"],
      slowMs: 5,
      status: undefined,
      dropAfter: undefined,
      stall: false,
      tools: [],
      replyGiven: false,
    });
  });

  it("thinks the text of [[reasoning:…]] first, in deltas of 4 characters", () => {
    expect(parseScenario("[[reasoning:Let me think.]] q").reasoning).toEqual(["Let ", "me t", "hink", "."]);
  });

  it("replies exactly the text of [[reply:…]], newlines and all", () => {
    const scenario = parseScenario("[[reply:Line one\n  **two** [link](x)]] ignored");
    expect(scenario.reply).toBe("Line one\n  **two** [link](x)");
    expect(scenario.deltas.join("")).toBe(scenario.reply);
  });

  it("splits the reply into exactly n deltas with [[chunks:n]]", () => {
    expect(parseScenario("[[reply:abcdefghij]][[chunks:3]]").deltas).toEqual(["abcd", "efgh", "ij"]);
    expect(parseScenario("[[reply:ab]][[chunks:4]]").deltas).toEqual(["a", "b", "", ""]);
  });

  it("sends every character of [[nul:c]] as U+0000, and holds the reply after [[pause:n]] deltas", () => {
    expect(parseScenario("[[nul:~]][[reply:a~b~]]").reply).toBe("a\u0000b\u0000");
    expect(parseScenario("[[pause:3]] x")).toMatchObject({ pauseAfter: 3, reply: "Echo: x" });
  });

  it("reads status, drop and stall", () => {
    expect(parseScenario("[[status:429]]")).toMatchObject({ status: 429 });
    expect(parseScenario("[[drop:2]] x")).toMatchObject({ dropAfter: 2, reply: "Echo: x" });
    expect(parseScenario("[[stall]]")).toMatchObject({ stall: true });
  });

  it("reads [[tool:name:args]] directives in order, with `]]` inside the JSON arguments, out of the echoed text", () => {
    const scenario = parseScenario('[[tool:a:{"x":[[1]]}]] hi [[tool:b_2:{}]]');
    expect(scenario.tools).toEqual([
      { name: "a", args: '{"x":[[1]]}', argumentDeltas: ['{"x"', ":[[1", "]]}"] },
      { name: "b_2", args: "{}", argumentDeltas: ["{}"] },
    ]);
    expect(scenario.reply).toBe("Echo: hi");
  });
});
