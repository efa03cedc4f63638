import { readFile } from "node:fs/promises";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { describe, expect, it } from "vitest";
import { isLeanChatChunk, withLeanChunkValidation } from "./lean-chunk-validation.ts";

/** The JSON chunks of a recorded stream, `[DONE]` and drops left out. */
async function chunksOf(recorded: string): Promise<unknown[]> {
  const body = await readFile(new URL(`../../test/fake-provider/recorded/${recorded}.sse`, import.meta.url), "utf8");
  return body
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice("data: ".length)));
}

describe("lean chunk validation", () => {
  it("knows the chunks of text, reasoning, finish and usage without the schema", async () => {
    const chunks = [...(await chunksOf("openai-compatible-reasoning")), ...(await chunksOf("openai-chat-text"))];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.filter((chunk) => !isLeanChatChunk(chunk))).toEqual([]);
  });

  it("leaves errors, array content, refusals, tool calls and unknown roles to the schema", async () => {
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
    const call = { choices: [{ delta: { tool_calls: [{ index: 0, function: { name: "f", arguments: "" } }] } }] };
    expect(isLeanChatChunk(call)).toBe(false);
    expect(isLeanChatChunk({ choices: [{ delta: { role: "tool", content: "?" } }] })).toBe(false);
    expect(isLeanChatChunk({ id: "x" })).toBe(false);
  });

  it("applies to OpenAI-compatible chat models only", () => {
    const provider = createOpenAICompatible({ name: "local", baseURL: "http://127.0.0.1:9/v1" });
    const chat = provider.chatModel("llama3.2");
    const completion = provider.completionModel("llama3.2");
    expect(withLeanChunkValidation(chat)).not.toBe(chat);
    expect(withLeanChunkValidation(chat).modelId).toBe("llama3.2");
    expect(withLeanChunkValidation(completion as never)).toBe(completion);
  });
});
