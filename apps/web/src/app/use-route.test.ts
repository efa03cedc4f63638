import { describe, expect, it } from "vitest";
import { conversationPath, parseRoute } from "./use-route.ts";

describe("routes", () => {
  it("reads the open conversation from /c/<id>, and a new chat from anything else", () => {
    expect(parseRoute("/c/0196f3a0-7b1c")).toEqual({ conversationId: "0196f3a0-7b1c" });
    expect(parseRoute("/c/a%20b/")).toEqual({ conversationId: "a b" });
    expect(parseRoute("/")).toEqual({ conversationId: undefined });
    expect(parseRoute("/c/a/b")).toEqual({ conversationId: undefined });
  });

  it("reads a share link to continue as a copy from /s/<id>/continue", () => {
    expect(parseRoute("/s/AbC-12_x/continue")).toEqual({ conversationId: undefined, shareToContinue: "AbC-12_x" });
    expect(parseRoute("/s/AbC-12_x")).toEqual({ conversationId: undefined });
  });

  it("writes the path back, escaped", () => {
    expect(conversationPath("a b")).toBe("/c/a%20b");
    expect(conversationPath(undefined)).toBe("/");
    expect(parseRoute(conversationPath("x/y")).conversationId).toBe("x/y");
  });
});
