import { generateText, streamText } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readStream } from "../../test/fake-provider/read-stream.ts";
import { createDemoModel } from "./demo-model.ts";

const NOTICE =
  "This is Slipstream's offline demo model (demo/echo): no AI provider is configured or selected, so I repeat what you wrote.";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("demo model", () => {
  it("streams the notice and the user's last message word by word, and finishes cleanly offline", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const result = streamText({
      model: createDemoModel({ chunkDelayMs: 1 }),
      messages: [
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        { role: "user", content: "  What is   the weather?  " },
      ],
    });
    const { text, types, thrown } = await readStream(result.stream);

    expect(thrown).toBeUndefined();
    expect(text).toBe(`${NOTICE} You said: What is   the weather?`);
    expect(types.filter((type) => type === "text-delta")).toHaveLength(text.split(/\s+/).length);
    expect(types.at(-1)).toBe("finish");
    expect(await result.finishReason).toBe("stop");
    expect(await result.usage).toMatchObject({ inputTokens: 8, outputTokens: text.split(/\s+/).length });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("says so when the last message has no text", async () => {
    const result = streamText({ model: createDemoModel({ chunkDelayMs: 0 }), prompt: "   " });
    expect(await result.text).toBe(`${NOTICE} Your message had no text to repeat.`);
  });

  it("pauses between words (15 ms by default)", async () => {
    const started = Date.now();
    await streamText({ model: createDemoModel(), prompt: "hi" }).text;
    expect(Date.now() - started).toBeGreaterThanOrEqual(15 * 20);
  });

  it("stops streaming when aborted, ending with an abort part", async () => {
    const controller = new AbortController();
    const result = streamText({
      model: createDemoModel({ chunkDelayMs: 20 }),
      prompt: "hello",
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 70);
    const { text, types, thrown } = await readStream(result.stream);

    expect(thrown).toBeUndefined();
    expect(types.at(-1)).toBe("abort");
    expect(types).not.toContain("finish");
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain("You said");
  });

  it("answers generateText with the whole reply at once", async () => {
    const { text, finishReason } = await generateText({ model: createDemoModel(), prompt: "quick" });
    expect(text).toBe(`${NOTICE} You said: quick`);
    expect(finishReason).toBe("stop");
  });
});
