import { describe, expect, it } from "vitest";
import { exceedsJsonDepth } from "./json-depth.ts";

describe("exceedsJsonDepth", () => {
  it("accepts ordinary bodies and counts only real nesting", () => {
    expect(exceedsJsonDepth('{"a":{"b":[1,2,{"c":3}]}}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":{"b":[1,2,{"c":3}]}}', 3)).toBe(true);
    expect(exceedsJsonDepth('{"text":"[[[[[{{{{{ \\" [[[["}', 1)).toBe(false);
  });

  it("refuses nesting past the limit", () => {
    expect(exceedsJsonDepth(`${"[".repeat(33)}${"]".repeat(33)}`, 32)).toBe(true);
    expect(exceedsJsonDepth(`{"a":${"[".repeat(100_000)}`, 32)).toBe(true);
  });
});
