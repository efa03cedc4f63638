import { getErrorMessage, type LanguageModelV4StreamPart } from "@ai-sdk/provider";
import {
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  NoOutputGeneratedError,
  type UIMessageChunk,
} from "ai";
import {
  addLanguageModelUsage,
  asLanguageModelUsage,
  convertToLanguageModelPrompt,
  createNullLanguageModelUsage,
  prepareLanguageModelCallOptions,
  prepareRetries,
  prepareToolChoice,
  resolveLanguageModel,
  standardizePrompt,
} from "ai/internal";

export type ProviderReplyRequest = {
  model: LanguageModel;
  instructions?: string;
  messages: ModelMessage[];
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  abortSignal: AbortSignal;
  maxRetries: number;
  /** The reply's id, carried by the `start` chunk. */
  messageId: string;
  /** The text of an `error` chunk, as `toUIMessageStream`'s `onError` gives it. */
  describeError: (error: unknown) => string;
  /** Told of each provider error, as `streamText`'s `onError` is. */
  onError: (error: unknown) => void;
  /** Called with the reply's usage once the provider finished, as `streamText`'s `onEnd` is (never after an abort). */
  onEnd: (usage: LanguageModelUsage) => void;
};

/**
 * A reply without tools, read at the provider layer: the model's `doStream()` parts mapped straight to the UI message
 * chunks `streamText` piped through `toUIMessageStream` makes of them, with the same prompt conversion, call settings
 * and retries (the AI SDK's own helpers), and without its per-token layers of transforms a tool loop needs. The
 * differential test (`provider-reply-stream.test.ts`) holds both paths to the same chunks for every provider format.
 */
export async function* streamProviderReply(request: ProviderReplyRequest): AsyncGenerator<UIMessageChunk> {
  const { abortSignal } = request;
  const abortChunk = (): UIMessageChunk => ({
    type: "abort",
    ...(abortSignal.reason !== undefined && { reason: getErrorMessage(abortSignal.reason) }),
  });
  yield { type: "start", messageId: request.messageId };

  let reader: ReadableStreamDefaultReader<LanguageModelV4StreamPart>;
  try {
    reader = (await callModel(request)).getReader();
  } catch (error) {
    if (abortSignal.aborted) {
      yield abortChunk();
      return;
    }
    request.onError(error);
    yield { type: "error", errorText: request.describeError(error) };
    return;
  }

  // A cancel releases a pending read at once, even when the provider's body would not settle.
  const cancelOnAbort = () => void reader.cancel(abortSignal.reason).catch(() => {});
  abortSignal.addEventListener("abort", cancelOnAbort, { once: true });
  if (abortSignal.aborted) cancelOnAbort();
  const mapper = createPartMapper(request);
  try {
    while (true) {
      let read: ReadableStreamReadResult<LanguageModelV4StreamPart>;
      try {
        read = await reader.read();
      } catch (error) {
        if (abortSignal.aborted) {
          yield abortChunk();
          return;
        }
        throw error;
      }
      if (abortSignal.aborted) {
        yield abortChunk();
        return;
      }
      if (read.done) break;
      yield* mapper.map(read.value);
    }
    yield* mapper.end();
  } finally {
    abortSignal.removeEventListener("abort", cancelOnAbort);
    // A consumer that stops reading early closes the provider call, as cancelling the general path's stream does.
    await reader.cancel().catch(() => {});
  }
}

/** The provider call `streamText` makes for a step without tools. */
async function callModel({
  model,
  instructions,
  messages,
  temperature,
  topP,
  maxOutputTokens,
  abortSignal,
  maxRetries,
}: ProviderReplyRequest): Promise<ReadableStream<LanguageModelV4StreamPart>> {
  const resolved = resolveLanguageModel(model);
  const callSettings = prepareLanguageModelCallOptions({ temperature, topP, maxOutputTokens });
  const { retry } = prepareRetries({ maxRetries, abortSignal });
  const standardized = await standardizePrompt({ instructions, messages });
  const { stream } = await retry(async () => {
    const prompt = await convertToLanguageModelPrompt({
      prompt: { instructions: standardized.instructions, messages: standardized.messages },
      supportedUrls: await resolved.supportedUrls,
      download: undefined,
      abortSignal,
      provider: resolved.provider.split(".")[0],
    });
    return resolved.doStream({
      ...callSettings,
      tools: undefined,
      toolChoice: prepareToolChoice({ toolChoice: undefined }),
      prompt,
      abortSignal,
      includeRawChunks: false,
    });
  });
  return stream;
}

const withMetadata = (part: { providerMetadata?: unknown }) =>
  part.providerMetadata != null ? { providerMetadata: part.providerMetadata } : {};

/**
 * The state of one model call's mapping: the step opens at its first part after `stream-start`, part ids stay unique
 * across the reply, and the finish reason and usage are the last the provider reported.
 */
function createPartMapper({ describeError, onError, onEnd }: ProviderReplyRequest) {
  let stepStarted = false;
  let finished = false;
  let hadOutput = false;
  let finishReason: string = "other";
  let usage = createNullLanguageModelUsage();
  const textIds = createIdMap();
  const reasoningIds = createIdMap();

  function* map(part: LanguageModelV4StreamPart): Generator<UIMessageChunk> {
    if (part.type === "stream-start") return;
    if (!stepStarted) {
      stepStarted = true;
      yield { type: "start-step" };
    }
    if ((part.type === "text-delta" || part.type === "reasoning-delta") && part.delta.length > 0) hadOutput = true;
    switch (part.type) {
      case "text-start":
        yield { type: "text-start", id: textIds.open(part.id), ...withMetadata(part) } as UIMessageChunk;
        return;
      case "text-delta":
        if (part.delta.length === 0 && part.providerMetadata == null) return;
        yield {
          type: "text-delta",
          id: textIds.get(part.id),
          delta: part.delta,
          ...withMetadata(part),
        } as UIMessageChunk;
        return;
      case "text-end":
        yield {
          type: "text-end",
          id: textIds.close(part.id),
          ...(part.citations != null && { citations: part.citations }),
          ...withMetadata(part),
        } as UIMessageChunk;
        return;
      case "reasoning-start":
        yield { type: "reasoning-start", id: reasoningIds.open(part.id), ...withMetadata(part) } as UIMessageChunk;
        return;
      case "reasoning-delta":
        yield {
          type: "reasoning-delta",
          id: reasoningIds.get(part.id),
          delta: part.delta,
          ...withMetadata(part),
        } as UIMessageChunk;
        return;
      case "reasoning-end":
        yield { type: "reasoning-end", id: reasoningIds.close(part.id), ...withMetadata(part) } as UIMessageChunk;
        return;
      case "custom":
        yield { type: "custom", kind: part.kind, ...withMetadata(part) } as UIMessageChunk;
        return;
      case "finish":
        finished = true;
        finishReason = part.finishReason.unified;
        usage = asLanguageModelUsage(part.usage);
        return;
      case "error":
        finished = true;
        finishReason = "error";
        onError(part.error);
        yield { type: "error", errorText: describeError(part.error) };
        return;
      // Sources are not sent to the UI; metadata and raw chunks carry nothing it shows.
      case "source":
      case "response-metadata":
      case "raw":
        return;
      default:
        // Tool calls and generated files need the general path's tool loop and downloads; a call without tools
        // asks for neither, so a provider sending one is answering something else.
        throw new Error(`The model sent a ${part.type} part to a reply without tools.`);
    }
  }

  function* end(): Generator<UIMessageChunk> {
    if (!finished && !hadOutput) {
      const error = new NoOutputGeneratedError({
        message: "No output generated. The model stream ended without a finish chunk.",
      });
      onError(error);
      yield { type: "error", errorText: describeError(error) };
      return;
    }
    yield { type: "finish-step" };
    onEnd(addLanguageModelUsage(createNullLanguageModelUsage(), usage));
    yield { type: "finish", finishReason } as UIMessageChunk;
  }

  return { map, end };
}

/** Provider part ids, kept unique across the reply as `streamText` keeps them (some restart at 0 per call). */
function createIdMap() {
  const used = new Set<string>();
  const open = new Map<string, string>();
  let next = 0;
  return {
    open(id: string) {
      let unique = id;
      while (used.has(unique)) unique = `${id}-${++next}`;
      used.add(unique);
      open.set(id, unique);
      return unique;
    },
    get: (id: string) => open.get(id) ?? id,
    close(id: string) {
      const unique = open.get(id) ?? id;
      open.delete(id);
      return unique;
    },
  };
}
