import { APICallError, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../../test/fake-provider/index.ts";
import { readStream } from "../../test/fake-provider/read-stream.ts";
import { errorMessage } from "../../test/fake-provider/wire.ts";
import type { ModelRegistry } from "./index.ts";
import { createModelRegistry } from "./registry.ts";

let fake: FakeProvider;
let registry: ModelRegistry;
/** The same providers with an idle timeout no test reaches, for tests of streamText's own timeout alone. */
let patientRegistry: ModelRegistry;
const registryWith = (idleTimeoutMs: number) =>
  createModelRegistry({
    config: {
      openai: { apiKey: "sk-openai", baseURL: `${fake.url}/v1` },
      anthropic: { apiKey: "sk-ant", baseURL: `${fake.url}/v1` },
      google: { apiKey: "g-key", baseURL: `${fake.url}/v1beta` },
      xai: { apiKey: "xai-key", baseURL: `${fake.url}/v1` },
      openaiCompatible: { name: "local", baseURL: `${fake.url}/v1` },
      idleTimeoutMs,
    },
  });
beforeAll(async () => {
  fake = await startFakeProvider();
  registry = registryWith(300);
  patientRegistry = registryWith(60_000);
});
afterAll(() => fake.close());

async function run(
  id: string,
  prompt: string,
  options: { abortSignal?: AbortSignal; chunkMs?: number; models?: ModelRegistry } = {},
) {
  const errors: unknown[] = [];
  const result = streamText({
    model: await (options.models ?? registry).getModel(id),
    prompt,
    maxRetries: 0,
    abortSignal: options.abortSignal,
    timeout: options.chunkMs === undefined ? undefined : { chunkMs: options.chunkMs },
    onError: ({ error }) => {
      errors.push(error);
    },
  });
  return { ...(await readStream(result.stream)), errors, result };
}

describe.each([
  "openai/gpt-5.5",
  "anthropic/claude-sonnet-5-5",
  "google/gemini-3.5-flash",
  "xai/grok-4.7",
  "local/llama3.2",
])("%s failures through streamText", (id) => {
  it.each([
    [429, true],
    [500, true],
    [401, false],
  ])("HTTP %i arrives as an error part holding an APICallError, not as a throw", async (status, retryable) => {
    const { types, parts, thrown, errors, result } = await run(id, `[[status:${status}]] hi`);
    expect(thrown).toBeUndefined();
    expect(types).toEqual(["start", "error"]);
    const error = parts[1]?.type === "error" ? parts[1].error : undefined;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status, isRetryable: retryable });
    expect((error as APICallError).message).toContain(errorMessage(status));
    if (status === 429) expect((error as APICallError).responseHeaders?.["retry-after"]).toBe("1");
    expect(errors).toEqual([error]);
    await expect(result.text).rejects.toMatchObject({ name: "AI_NoOutputGeneratedError" });
  });

  it("a connection dropped mid-stream is thrown by the stream, after the text so far, without onError", async () => {
    const { text, types, thrown, errors } = await run(id, "[[drop:3]] hello world");
    expect(text).toBe("Echo: hello ");
    expect(types).not.toContain("finish");
    expect(APICallError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ message: "Failed to process successful response", statusCode: 200 });
    expect((thrown as APICallError).cause).toMatchObject({ name: "TypeError", message: "terminated" });
    expect(errors).toEqual([]);
  });

  it("a stalled stream ends with an abort part when the caller aborts", async () => {
    const { types, thrown } = await run(id, "[[stall]]", { abortSignal: AbortSignal.timeout(100) });
    expect(thrown).toBeUndefined();
    expect(types.at(-1)).toBe("abort");
  });

  it("a stalled stream fails with a TimeoutError after idleTimeoutMs (an error part, or thrown once text started)", async () => {
    const { types, parts, thrown } = await run(id, "[[stall]]");
    const last = parts.at(-1);
    const failure = thrown ?? (last?.type === "error" ? last.error : undefined);
    expect(failure).toMatchObject({ name: "TimeoutError" });
    expect(types).not.toContain("finish");
  });
});

describe("streamText's own timeout option", () => {
  it("ends a slow stream with an abort part, not an error", async () => {
    // On a busy machine a first byte can take longer than the 300 ms idle timeout: only chunkMs may end this one.
    const { types, parts, errors } = await run("openai/gpt-5.5", "[[slow:250]] a long enough message", {
      chunkMs: 100,
      models: patientRegistry,
    });
    expect(types.at(-1)).toBe("abort");
    expect(parts.at(-1)).toMatchObject({ type: "abort", reason: expect.stringContaining("TimeoutError") });
    expect(errors).toEqual([]);
  });
});
