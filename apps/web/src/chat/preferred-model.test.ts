import { afterEach, describe, expect, it } from "vitest";
import { preferredModel, rememberPreferredModel } from "./preferred-model.ts";

describe("preferredModel", () => {
  afterEach(() => localStorage.clear());

  it("starts with the model last chosen while the server offers it, else the first one", () => {
    expect(preferredModel({ available: ["demo/echo", "openai/gpt"] })).toBe("demo/echo");
    rememberPreferredModel("openai/gpt");
    expect(preferredModel({ available: ["demo/echo", "openai/gpt"] })).toBe("openai/gpt");
    expect(preferredModel({ available: ["demo/echo"] })).toBe("demo/echo");
  });

  it("keeps the chosen model when its provider is only unreachable, rather than falling back quietly", () => {
    rememberPreferredModel("local/llama3.2");
    expect(preferredModel({ available: ["demo/echo"], unreachableProviders: ["local"] })).toBe("local/llama3.2");
    expect(preferredModel({ available: ["demo/echo"], unreachableProviders: ["loc"] })).toBe("demo/echo");
  });
});
