import { describe, expect, it } from "vitest";
import { plainTitle, titleFromMessage, titleFromModel } from "./titles.ts";

describe("titles", () => {
  it("are one line of plain text, without Markdown", () => {
    expect(plainTitle("## **Plan** for _today_ with `code` and [a link](https://x.test)\nsecond line")).toBe(
      "Plan for today with code and a link",
    );
    expect(plainTitle("snake_case and 2 * 3 stay")).toBe("snake_case and 2 * 3 stay");
  });

  it("stand in from the first message, cut at a word near 60 characters", () => {
    expect(titleFromMessage("  Hello there, model  ")).toBe("Hello there, model");
    const long = titleFromMessage("word ".repeat(30));
    expect(long.length).toBeLessThanOrEqual(61);
    expect(long.endsWith("word…")).toBe(true);
    expect(titleFromMessage("```\n")).toBe("New chat");
  });

  it("come from a model's answer without its quotes, label or final period", () => {
    expect(titleFromModel('Title: "Sorting lists in Python."')).toBe("Sorting lists in Python");
    expect(titleFromModel("   \n")).toBe("");
  });
});
