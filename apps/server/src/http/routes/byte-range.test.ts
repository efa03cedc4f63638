import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range.ts";

describe("parseByteRange", () => {
  it("reads a-b, a- and -n within the file", () => {
    expect(parseByteRange("bytes=2-5", 10)).toEqual({ start: 2, end: 5 });
    expect(parseByteRange("bytes=4-", 10)).toEqual({ start: 4, end: 9 });
    expect(parseByteRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(parseByteRange("bytes=8-99", 10)).toEqual({ start: 8, end: 9 });
  });

  it("serves the whole file for no header, several ranges or another unit", () => {
    expect(parseByteRange(undefined, 10)).toBeUndefined();
    expect(parseByteRange("bytes=0-1,4-5", 10)).toBeUndefined();
    expect(parseByteRange("items=0-1", 10)).toBeUndefined();
  });

  it("refuses a range past the end or backwards with 416", () => {
    expect(() => parseByteRange("bytes=10-", 10)).toThrow(expect.objectContaining({ code: "range_not_satisfiable" }));
    expect(() => parseByteRange("bytes=5-2", 10)).toThrow(expect.objectContaining({ code: "range_not_satisfiable" }));
  });
});
