import { describe, expect, it } from "vitest";
import { formatCost, formatTokens } from "./format.ts";

describe("formatting usage", () => {
  it("shows costs with the digits a fraction of a cent needs, and an unknown price as a dash", () => {
    expect(formatCost(null)).toBe("—");
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.000123)).toBe("$0.00012");
    expect(formatCost(1.5)).toBe("$1.50");
    expect(formatTokens(1234567)).toBe("1,234,567");
  });
});
