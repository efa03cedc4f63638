import type { UsageSource } from "@slipstream/protocol";
import { type ModelMessage, streamText, type TextStreamPart, type ToolChoice, type ToolSet } from "ai";
import type { Logger } from "pino";
import type { Principal } from "../identity/principal.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { Store } from "../store/index.ts";
import type { GenerationLimits } from "./generation-limits.ts";
import type { ReportedUsage, UsageMeter } from "./usage-meter.ts";

export type CompletionRequest = {
  principal: Principal;
  modelId: string;
  /** The system prompt, sent first. */
  instructions?: string;
  messages: ModelMessage[];
  /** Tools the caller executes itself: the model's calls come back as `tool-call` parts and the generation stops. */
  tools?: ToolSet;
  toolChoice?: ToolChoice<ToolSet>;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  signal: AbortSignal;
  source?: UsageSource;
};

const textOf = (message: ModelMessage) =>
  typeof message.content === "string"
    ? message.content
    : message.content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");

/**
 * A generation that is not a chat turn (the OpenAI-compatible gateway): no conversation and no stream log, but the
 * same models, keys, limits and metering. `start` refuses before any output (limits, unknown model); the parts then
 * stream, and once they end (or the caller stops reading) the usage is recorded and the generation slot freed.
 */
export function createDirectCompletions({
  models,
  limits,
  meter,
  store,
  logger,
}: {
  models: ModelRegistry;
  limits: GenerationLimits;
  meter: UsageMeter;
  store: Pick<Store, "usage">;
  logger: Pick<Logger, "warn" | "error">;
}) {
  return {
    async start(request: CompletionRequest): Promise<AsyncIterable<TextStreamPart<ToolSet>>> {
      const { principal, modelId, signal } = request;
      const model = await models.getModel(modelId, principal);
      const release = await limits.admit({ userId: principal.userId });
      let result: ReturnType<typeof streamText>;
      try {
        result = streamText({
          model,
          instructions: request.instructions,
          messages: request.messages,
          tools: request.tools,
          toolChoice: request.toolChoice,
          temperature: request.temperature,
          topP: request.topP,
          maxOutputTokens: request.maxOutputTokens,
          stopSequences: request.stopSequences,
          abortSignal: signal,
          maxRetries: 1,
          onError: ({ error }) => logger.warn({ err: error, model: modelId }, "provider error"),
        });
      } catch (error) {
        await release();
        throw error;
      }

      async function settle(reported: ReportedUsage, output: string, failed: boolean) {
        try {
          if (failed && reported === undefined) return;
          const usage = await meter.measure({
            modelId,
            reported,
            prompt: () => [request.instructions ?? "", ...request.messages.map(textOf)].join("\n"),
            output,
          });
          await meter.record(store, {
            userId: principal.userId,
            modelId,
            usage,
            source: request.source ?? "api",
            messageId: null,
          });
          await meter.charge({ userId: principal.userId, usage });
        } catch (error) {
          logger.error({ err: error, model: modelId }, "could not record a completion's usage");
        } finally {
          await release().catch((error: unknown) => logger.error({ err: error }, "generation slot release failed"));
        }
      }

      return (async function* parts() {
        let reported: ReportedUsage;
        let output = "";
        let failed = false;
        try {
          for await (const part of result.stream) {
            if (part.type === "text-delta") output += part.text;
            if (part.type === "finish") reported = part.totalUsage;
            if (part.type === "error") failed = true;
            yield part;
          }
        } finally {
          await settle(reported, output, failed);
        }
      })();
    },
  };
}
export type DirectCompletions = ReturnType<typeof createDirectCompletions>;
