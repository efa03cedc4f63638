import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { withLeanChatStream } from "./lean-chat-stream.ts";

/** A chat model whose server answers with these pieces of body, each its own network read, or fails after them. */
function modelAnswering(pieces: (string | Uint8Array)[], { failAfter = false } = {}) {
  const encoder = new TextEncoder();
  const fetch = async () => {
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces[next++];
        if (piece !== undefined) return controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
        if (failAfter) return controller.error(new TypeError("terminated", { cause: new Error("other side closed") }));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
  return createOpenAICompatible({
    name: "local",
    baseURL: "http://127.0.0.1:9/v1",
    fetch,
    includeUsage: true,
  }).chatModel("llama3.2");
}

const CALL: LanguageModelV4CallOptions = { prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] };

/** Every part, or the parts before the error the stream failed with (its name and message). */
async function partsOf(model: LanguageModelV4, options: Partial<LanguageModelV4CallOptions> = {}) {
  const { stream } = await model.doStream({ ...CALL, ...options });
  const parts: (LanguageModelV4StreamPart | { type: "failed"; error: string })[] = [];
  const reader = stream.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  } catch (error) {
    parts.push({ type: "failed", error: `${(error as Error).name}: ${(error as Error).message}` });
  }
  return parts;
}

/** The lean stream's parts next to the SDK's own for the same body. */
async function bothOf(pieces: (string | Uint8Array)[], options: { failAfter?: boolean; raw?: boolean } = {}) {
  const callOptions = { includeRawChunks: options.raw === true };
  const sdk = await partsOf(modelAnswering(pieces, options), callOptions);
  const lean = await partsOf(withLeanChatStream(modelAnswering(pieces, options)), callOptions);
  return { lean, sdk };
}

const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
  `data: ${JSON.stringify({ id: "c-1", created: 1764633600, model: "llama3.2", choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
const USAGE = `data: ${JSON.stringify({ id: "c-1", choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;

describe("the lean chat stream, against the SDK's own on the same body", () => {
  it("applies to OpenAI-compatible chat models only", () => {
    const provider = createOpenAICompatible({ name: "local", baseURL: "http://127.0.0.1:9/v1" });
    const chat = provider.chatModel("llama3.2");
    const completion = provider.completionModel("llama3.2");
    expect(withLeanChatStream(chat)).not.toBe(chat);
    expect(withLeanChatStream(chat).modelId).toBe("llama3.2");
    expect(withLeanChatStream(completion)).toBe(completion);
  });

  it("reads events split anywhere: mid-line, mid-character, CRLF, comments, named events, a BOM", async () => {
    const body =
      `\uFEFF: keep-alive\r\n\r\n${chunk({ role: "assistant", content: "Héllo 🙂" })}event: message\n${chunk({ content: " there" }, "stop")}${USAGE}data: [DONE]\n\n`.replace(
        /\n\n/g,
        "\r\n\r\n",
      );
    const bytes = new TextEncoder().encode(body);
    const emoji = body.indexOf("🙂");
    const cut = new TextEncoder().encode(body.slice(0, emoji)).length + 2;
    const pieces = [bytes.slice(0, 7), bytes.slice(7, cut), bytes.slice(cut, cut + 40), bytes.slice(cut + 40)];
    const { lean, sdk } = await bothOf(pieces);
    expect(sdk.filter((part) => part.type === "text-delta").map((part) => part.delta)).toEqual(["Héllo 🙂", " there"]);
    expect(lean).toEqual(sdk);
  });

  it("joins the lines of a multi-line event, and drops an event the body ends inside", async () => {
    const { lean, sdk } = await bothOf([
      'data: {"id":"c-1","choices":[{"index":0,\ndata: "delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n',
      chunk({ content: " lost" }).trimEnd(),
    ]);
    expect(sdk.some((part) => part.type === "text-delta" && part.delta === "Hi")).toBe(true);
    expect(sdk.some((part) => part.type === "text-delta" && part.delta === " lost")).toBe(false);
    expect(lean).toEqual(sdk);
  });

  it("reports bad JSON, a prototype key and a stream without a finish reason as the SDK does", async () => {
    const names = (parts: Awaited<ReturnType<typeof partsOf>>) =>
      parts.flatMap((part) => (part.type === "error" ? [(part.error as Error).name] : []));
    const refused = await bothOf([
      chunk({ content: "Hi" }),
      "data: {not json\n\n",
      `data: {"choices":[],"__proto__":{"polluted":true}}\n\n`,
    ]);
    expect(names(refused.sdk)).toEqual(["AI_JSONParseError", "AI_JSONParseError"]);
    expect(refused.lean).toEqual(refused.sdk);
    const unfinished = await bothOf([chunk({ content: "Hi" })]);
    expect(names(unfinished.sdk)).toEqual(["AI_InvalidResponseDataError"]);
    expect(unfinished.lean).toEqual(unfinished.sdk);
  });

  it("gives the raw chunks when asked", async () => {
    const { lean, sdk } = await bothOf([chunk({ content: "Hi" }, "stop"), USAGE], { raw: true });
    expect(sdk.filter((part) => part.type === "raw")).toHaveLength(2);
    expect(lean).toEqual(sdk);
  });

  it("fails a body that breaks mid-answer with the SDK's error, after the parts before it", async () => {
    const { lean, sdk } = await bothOf([chunk({ content: "Hi" })], { failAfter: true });
    expect(sdk.at(-1)).toEqual({ type: "failed", error: "AI_APICallError: Failed to process successful response" });
    expect(lean).toEqual(sdk);
  });
});
