import { describe, expect, it } from "vitest";
import { plainTitle } from "./plain-title.ts";

describe("plainTitle", () => {
  it.each([
    ["**Plan** for _today_", "Plan for today"],
    ["## Trip to *Lisbon*", "Trip to Lisbon"],
    ["Fixing `npm ci` in __CI__", "Fixing npm ci in CI"],
    ["~~Old~~ new [docs](https://example.test)", "Old new docs"],
    ["> Quoted **title", "Quoted title"],
    ["snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"],
    ["  Spaced   out  ", "Spaced out"],
    ['<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'],
    ["**", "**"],
  ])("%s → %s", (title, plain) => {
    expect(plainTitle(title)).toBe(plain);
  });
});
