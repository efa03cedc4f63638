import { readFile } from "node:fs/promises";
import { OpenAICompatibleChatLanguageModel } from "@ai-sdk/openai-compatible";
import { describe, expect, it } from "vitest";
import { isLeanChatChunk, parseChatChunk } from "./lean-chat-chunk.ts";

/** The JSON chunks of a recorded stream, `[DONE]` and drops left out. */
async function chunksOf(recorded: string): Promise<unknown[]> {
  const body = await readFile(new URL(`../../test/fake-provider/recorded/${recorded}.sse`, import.meta.url), "utf8");
  return body
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice("data: ".length)));
}

const schema = (() => {
  const model = new OpenAICompatibleChatLanguageModel("m", { provider: "local.chat", url: () => "http://127.0.0.1:9" });
  return (model as unknown as { chunkSchema: Parameters<typeof parseChatChunk>[1] }).chunkSchema;
})();

describe("lean chat chunks", () => {
  it("knows the chunks of text, reasoning, tool calls, finish and usage without the schema", async () => {
    const chunks = [...(await chunksOf("openai-compatible-reasoning")), ...(await chunksOf("openai-chat-text"))];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.filter((chunk) => !isLeanChatChunk(chunk))).toEqual([]);
    const call = {
      choices: [
        { delta: { tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "f", arguments: "" } }] } },
      ],
    };
    expect(isLeanChatChunk(call)).toBe(true);
  });

  it("leaves errors, array content, refusals, odd tool calls and unknown roles to the schema", async () => {
    const notLean = (await chunksOf("openai-compatible-mixed")).filter((chunk) => !isLeanChatChunk(chunk));
    expect(
      notLean.map((chunk) => JSON.stringify((chunk as { choices: { delta: unknown }[] }).choices[0]?.delta)),
    ).toEqual([
      '{"content":[{"type":"thinking","thinking":[{"type":"text","text":"Weighing it."}]}]}',
      '{"content":[{"type":"text","text":"Hello"}]}',
      '{"refusal":" but not that."}',
    ]);
    const [error] = await chunksOf("openai-compatible-error").then((chunks) =>
      chunks.filter((c) => !isLeanChatChunk(c)),
    );
    expect(error).toHaveProperty("error.message", "the model ran out of memory");
    const withoutFunction = { choices: [{ delta: { tool_calls: [{ index: 0, id: "c1" }] } }] };
    expect(isLeanChatChunk(withoutFunction)).toBe(false);
    const gemini = {
      choices: [{ delta: { tool_calls: [{ index: 0, function: {}, extra_content: { google: {} } }] } }],
    };
    expect(isLeanChatChunk(gemini)).toBe(false);
    expect(isLeanChatChunk({ choices: [{ delta: { role: "tool", content: "?" } }] })).toBe(false);
    expect(isLeanChatChunk({ id: "x" })).toBe(false);
  });

  it("gives the SDK's own verdict on what it does not know: bad JSON, bad shapes, prototype keys", async () => {
    const lean = parseChatChunk('{"choices":[{"delta":{"content":"Hi"}}]}', schema);
    expect(lean).toEqual({
      success: true,
      value: { choices: [{ delta: { content: "Hi" } }] },
      rawValue: expect.anything(),
    });
    expect(await parseChatChunk("{not json", schema)).toMatchObject({
      success: false,
      error: { name: "AI_JSONParseError" },
    });
    expect(await parseChatChunk('{"choices":"many"}', schema)).toMatchObject({
      success: false,
      error: { name: "AI_TypeValidationError" },
    });
    // The SDK's JSON parser refuses a prototype key, escaped or not; so does this.
    for (const key of ["__proto__", "\\u005f_proto__"]) {
      expect(await parseChatChunk(`{"choices":[],"${key}":{"x":1}}`, schema)).toMatchObject({ success: false });
    }
  });
});
