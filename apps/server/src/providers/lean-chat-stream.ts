import { OpenAICompatibleChatLanguageModel } from "@ai-sdk/openai-compatible";
import {
  getResponseMetadata,
  mapOpenAICompatibleFinishReason,
  type OpenAICompatibleChatConfig,
} from "@ai-sdk/openai-compatible/internal";
import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4FinishReason,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
  type LanguageModelV4Usage,
  type SharedV4ProviderMetadata,
  type SharedV4Warning,
} from "@ai-sdk/provider";
import {
  combineHeaders,
  extractResponseHeaders,
  type FlexibleSchema,
  generateId,
  isAbortError,
  type ParseResult,
  postJsonToApi,
  type ResponseHandler,
  resolve,
  StreamingToolCallTracker,
} from "@ai-sdk/provider-utils";
import { createParser } from "eventsource-parser";
import { parseChatChunk } from "./lean-chat-chunk.ts";

/** What `doStream()` of the SDK's OpenAI-compatible chat model uses of itself, read here to make the same request. */
type ChatModelInternals = {
  readonly modelId: string;
  readonly config: OpenAICompatibleChatConfig;
  readonly chunkSchema: FlexibleSchema<unknown>;
  readonly failedResponseHandler: ResponseHandler<APICallError>;
  getArgs(
    options: LanguageModelV4CallOptions,
  ): Promise<{ args: Record<string, unknown>; warnings: SharedV4Warning[]; metadataKey: string }>;
  transformRequestBody(args: Record<string, unknown>, warnings: SharedV4Warning[]): Record<string, unknown>;
  convertUsage(usage: unknown): LanguageModelV4Usage;
};

function internalsOf(model: LanguageModelV4): ChatModelInternals | undefined {
  if (!(model instanceof OpenAICompatibleChatLanguageModel)) return undefined;
  const internals = model as unknown as Partial<ChatModelInternals>;
  const complete =
    typeof internals.getArgs === "function" &&
    typeof internals.transformRequestBody === "function" &&
    typeof internals.convertUsage === "function" &&
    typeof internals.failedResponseHandler === "function" &&
    internals.chunkSchema !== undefined &&
    typeof internals.config?.url === "function";
  return complete ? (internals as ChatModelInternals) : undefined;
}

/**
 * An OpenAI-compatible chat model (Ollama, vLLM, LM Studio, any `/chat/completions` server) whose `doStream()` reads
 * the response in one step per network read: UTF-8 decoding, the SDK's own SSE parser (`eventsource-parser`), JSON
 * and the mapping to stream parts, instead of the SDK's five chained web streams. The request (arguments, headers,
 * URL, error responses) is the SDK's, made with the model's own methods; chunks other than the common ones are judged
 * by the SDK's schema. Other models, or a later SDK whose model lacks those methods, come back as they are.
 * `provider-reply-stream.test.ts` holds the parts to the SDK's, recording by recording.
 */
export function withLeanChatStream(model: LanguageModelV4): LanguageModelV4 {
  const internals = internalsOf(model);
  if (!internals) return model;
  return Object.create(model, {
    doStream: { value: (options: LanguageModelV4CallOptions) => leanDoStream(internals, options) },
  });
}

type SseBody = { body: ReadableStream<Uint8Array>; status: number; headers: Record<string, string> };

const rawBody: ResponseHandler<SseBody> = async ({ response }) => {
  const headers = extractResponseHeaders(response);
  if (response.body == null) throw new EmptyResponseBodyError({});
  return { responseHeaders: headers, value: { body: response.body, status: response.status, headers } };
};

async function leanDoStream(
  model: ChatModelInternals,
  options: LanguageModelV4CallOptions,
): Promise<LanguageModelV4StreamResult> {
  const { config } = model;
  const { args, warnings, metadataKey } = await model.getArgs({ ...options });
  const body = model.transformRequestBody(
    { ...args, stream: true, stream_options: config.includeUsage ? { include_usage: true } : undefined },
    warnings,
  );
  const url = config.url({ path: "/chat/completions", modelId: model.modelId });
  const { responseHeaders, value: response } = await postJsonToApi({
    url,
    headers: combineHeaders(await resolve(config.headers), options.headers),
    body,
    failedResponseHandler: model.failedResponseHandler,
    successfulResponseHandler: rawBody,
    abortSignal: options.abortSignal,
    fetch: config.fetch,
  });
  // As the SDK reports a body that breaks after a successful response: an abort as it is, anything else as a failed call.
  const bodyFailure = (error: unknown) =>
    isAbortError(error)
      ? error
      : new APICallError({
          message: "Failed to process successful response",
          cause: error,
          url,
          requestBodyValues: body,
          statusCode: response.status,
          responseHeaders: response.headers,
        });
  const stream = partStream({
    body: response.body,
    schema: model.chunkSchema,
    bodyFailure,
    mapper: (emit) =>
      createChunkMapper({
        emit,
        metadataKey,
        includeRawChunks: options.includeRawChunks === true,
        metadata: config.metadataExtractor?.createStreamExtractor(),
        convertUsage: (usage) => model.convertUsage(usage),
      }),
    warnings,
  });
  return { stream, request: { body }, response: { headers: responseHeaders } };
}

type ChunkMapper = { chunk(parsed: ParseResult<unknown>): void; end(): void };

/** The stream parts of a response body, read one network read per pull; a cancel cancels the body. */
function partStream({
  body,
  schema,
  bodyFailure,
  mapper: createMapper,
  warnings,
}: {
  body: ReadableStream<Uint8Array>;
  schema: FlexibleSchema<unknown>;
  bodyFailure: (error: unknown) => unknown;
  mapper: (emit: (part: LanguageModelV4StreamPart) => void) => ChunkMapper;
  warnings: SharedV4Warning[];
}): ReadableStream<LanguageModelV4StreamPart> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  let emitted = 0;
  let mapper: ChunkMapper;
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      mapper = createMapper((part) => {
        emitted += 1;
        controller.enqueue(part);
      });
      controller.enqueue({ type: "stream-start", warnings });
    },
    // A pull that enqueued nothing is not called again, so it reads until a part is out or the body ends.
    async pull(controller) {
      const before = emitted;
      while (emitted === before) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          controller.error(bodyFailure(error));
          return;
        }
        if (read.done) {
          mapper.end();
          controller.close();
          return;
        }
        parser.feed(decoder.decode(read.value, { stream: true }));
        for (let next = 0; next < events.length; next += 1) {
          const data = events[next] as string;
          if (data === "[DONE]") continue;
          const parsed = parseChatChunk(data, schema);
          mapper.chunk(parsed instanceof Promise ? await parsed : parsed);
        }
        events.length = 0;
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

type ToolCallDelta = {
  index?: number | null;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null };
  extra_content?: { google?: { thought_signature?: string | null } | null } | null;
};
type ContentPart = { type?: unknown; text?: unknown; thinking?: unknown };
type ChatChunk = {
  id?: string | null;
  created?: number | null;
  model?: string | null;
  choices: {
    delta?: {
      content?: string | ContentPart[] | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      refusal?: string;
      tool_calls?: ToolCallDelta[] | null;
    } | null;
    finish_reason?: string | null;
  }[];
  usage?: {
    completion_tokens_details?: {
      accepted_prediction_tokens?: number | null;
      rejected_prediction_tokens?: number | null;
    } | null;
  } | null;
};

const TEXT_ID = "txt-0";
const REASONING_ID = "reasoning-0";

/** Text and reasoning of a delta's `content` when it is a list of parts (Mistral's thinking blocks, for one). */
function* contentParts(content: string | ContentPart[] | null | undefined): Generator<["text" | "reasoning", string]> {
  if (content == null) return;
  if (typeof content === "string") {
    if (content.length > 0) yield ["text", content];
    return;
  }
  for (const part of content) {
    if (part.type === "text" && typeof part.text === "string") {
      if (part.text.length > 0) yield ["text", part.text];
    } else if (part.type === "thinking" && Array.isArray(part.thinking)) {
      const text = part.thinking
        .filter((piece) => piece?.type === "text" && typeof piece.text === "string")
        .map((piece) => piece.text)
        .join("");
      if (text.length > 0) yield ["reasoning", text];
    }
  }
}

/**
 * The parts the SDK's OpenAI-compatible chat model makes of the chunks of one response: one text and one reasoning
 * part open at a time, tool calls gathered by the SDK's own tracker (arguments held until the call's name is known),
 * the last finish reason and usage reported at the end.
 */
function createChunkMapper({
  emit,
  metadataKey,
  includeRawChunks,
  metadata,
  convertUsage,
}: {
  emit: (part: LanguageModelV4StreamPart) => void;
  metadataKey: string;
  includeRawChunks: boolean;
  metadata: { processChunk(raw: unknown): void; buildMetadata(): SharedV4ProviderMetadata | undefined } | undefined;
  convertUsage: (usage: unknown) => LanguageModelV4Usage;
}): ChunkMapper {
  let open: "text" | "reasoning" | undefined;
  let finishReason: LanguageModelV4FinishReason | undefined;
  let rawFinishReason: string | undefined;
  let usage: ChatChunk["usage"];
  let metadataSent = false;
  let hasRefusal = false;
  const tracker = new StreamingToolCallTracker(
    { enqueue: emit },
    {
      generateId,
      extractMetadata: (delta: ToolCallDelta) => {
        const thoughtSignature = delta.extra_content?.google?.thought_signature;
        return thoughtSignature ? { [metadataKey]: { thoughtSignature } } : undefined;
      },
      buildToolCallProviderMetadata: (providerMetadata) => providerMetadata,
    },
  );
  /** Calls whose name has not come yet, by index; and the indices already handed to the tracker. */
  const pending = new Map<number, { id: string | null; args: string; extra: ToolCallDelta["extra_content"] }>();
  const forwarded = new Set<number>();

  const close = () => {
    if (open === "text") emit({ type: "text-end", id: TEXT_ID });
    else if (open === "reasoning") emit({ type: "reasoning-end", id: REASONING_ID });
    open = undefined;
  };
  const delta = (kind: "text" | "reasoning", text: string) => {
    if (open !== kind) {
      close();
      emit(kind === "text" ? { type: "text-start", id: TEXT_ID } : { type: "reasoning-start", id: REASONING_ID });
      open = kind;
    }
    emit(
      kind === "text"
        ? { type: "text-delta", id: TEXT_ID, delta: text }
        : { type: "reasoning-delta", id: REASONING_ID, delta: text },
    );
  };
  const failed = (error: unknown) => {
    finishReason = { unified: "error", raw: undefined };
    rawFinishReason = undefined;
    emit({ type: "error", error });
  };
  const toolCall = (call: ToolCallDelta) => {
    const { index } = call;
    if (index == null || forwarded.has(index)) {
      tracker.processDelta(call);
      return;
    }
    let held = pending.get(index);
    if (held === undefined) {
      held = { id: call.id ?? null, args: "", extra: call.extra_content ?? null };
      pending.set(index, held);
    } else {
      held.id ??= call.id ?? null;
      held.extra ??= call.extra_content ?? null;
    }
    if (call.function?.arguments != null) held.args += call.function.arguments;
    const name = call.function?.name;
    if (name == null) return;
    tracker.processDelta({
      index,
      id: held.id,
      function: { name, arguments: held.args },
      extra_content: held.extra ?? undefined,
    });
    pending.delete(index);
    forwarded.add(index);
  };

  return {
    chunk(parsed) {
      if (includeRawChunks) emit({ type: "raw", rawValue: parsed.rawValue });
      if (!parsed.success) return failed(parsed.error);
      metadata?.processChunk(parsed.rawValue);
      const value = parsed.value as ChatChunk | { error: unknown };
      if ("error" in value) return failed(value.error);
      if (!metadataSent) {
        const response = getResponseMetadata(value);
        if (Object.values(response).some(Boolean)) {
          metadataSent = true;
          emit({ type: "response-metadata", ...response });
        }
      }
      if (value.usage != null) usage = value.usage;
      const choice = value.choices[0];
      if (choice?.finish_reason != null) rawFinishReason = choice.finish_reason;
      const change = choice?.delta;
      if (change == null) return;
      const reasoning = change.reasoning_content ?? change.reasoning;
      if (reasoning) delta("reasoning", reasoning);
      for (const [kind, text] of contentParts(change.content)) delta(kind, text);
      if (change.refusal != null && change.refusal.length > 0) {
        hasRefusal = true;
        delta("text", change.refusal);
      }
      if (change.tool_calls != null && change.tool_calls.length > 0) {
        if (open === "reasoning") close();
        for (const call of change.tool_calls) toolCall(call);
      }
    },
    end() {
      close();
      for (const [index, held] of pending)
        tracker.processDelta({ index, id: held.id, function: { arguments: held.args } });
      pending.clear();
      tracker.flush();
      if (rawFinishReason != null) {
        finishReason = {
          unified: mapOpenAICompatibleFinishReason(rawFinishReason, { hasRefusal }),
          raw: rawFinishReason,
        };
      }
      if (finishReason === undefined) {
        finishReason = { unified: "error", raw: undefined };
        emit({
          type: "error",
          error: new InvalidResponseDataError({
            data: undefined,
            message: "Response stream ended without a finish reason.",
          }),
        });
      }
      const providerMetadata: SharedV4ProviderMetadata = {
        [metadataKey]: {},
        ...metadata?.buildMetadata(),
      };
      const details = usage?.completion_tokens_details;
      const own = providerMetadata[metadataKey] ?? {};
      if (details?.accepted_prediction_tokens != null)
        own.acceptedPredictionTokens = details.accepted_prediction_tokens;
      if (details?.rejected_prediction_tokens != null)
        own.rejectedPredictionTokens = details.rejected_prediction_tokens;
      emit({ type: "finish", finishReason, usage: convertUsage(usage), providerMetadata });
    },
  };
}
