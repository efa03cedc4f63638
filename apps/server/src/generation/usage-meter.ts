import type { MessageUsage, UsageSource } from "@slipstream/protocol";
import { newId } from "../ids/new-id.ts";
import type { UserLimiter } from "../limits/user-limits.ts";
import type { StoreTransaction } from "../store/index.ts";
import { priceUsd } from "./prices.ts";

/** What a provider reported, as the AI SDK gives it: either count may be missing. */
export type ReportedUsage = { inputTokens?: number; outputTokens?: number } | undefined;

let tokenizer: Promise<{ countTokens(text: string): number }> | undefined;
/** gpt-tokenizer takes about a second to load its tables, so it loads on the first estimate, not at start. */
const loadTokenizer = () => {
  tokenizer ??= import("gpt-tokenizer");
  return tokenizer;
};

/** Tokens of a text by OpenAI's o200k encoding: an estimate for other models' tokenizers, good to about 20%. */
export async function estimateTokens(text: string): Promise<number> {
  if (text === "") return 0;
  return (await loadTokenizer()).countTokens(text);
}

/**
 * Usage and cost of generations: from the provider's own report, or estimated with a tokenizer (and marked so) where
 * it reported none; recorded per generation, and counted against the user's daily tokens.
 */
export function createUsageMeter({
  limiter,
  onError,
}: {
  limiter: Pick<UserLimiter, "addTokens">;
  onError: (error: unknown) => void;
}) {
  return {
    async measure({
      modelId,
      reported,
      prompt,
      output,
    }: {
      modelId: string;
      reported: ReportedUsage;
      /** The text the model was sent (system prompt and branch), for an estimate. */
      prompt: () => string;
      output: string;
    }): Promise<MessageUsage> {
      const known = reported?.inputTokens !== undefined && reported.outputTokens !== undefined;
      const inputTokens = reported?.inputTokens ?? (await estimateTokens(prompt()));
      const outputTokens = reported?.outputTokens ?? (await estimateTokens(output));
      return {
        inputTokens,
        outputTokens,
        costUsd: priceUsd({ modelId, inputTokens, outputTokens }),
        estimated: !known,
      };
    },

    /** Writes the generation's record; in the transaction that saves its reply, when there is one. */
    async record(
      tx: Pick<StoreTransaction, "usage">,
      input: { userId: string; modelId: string; usage: MessageUsage; source: UsageSource; messageId: string | null },
    ) {
      await tx.usage.recordUsage({
        id: newId(),
        userId: input.userId,
        model: input.modelId,
        inputTokens: input.usage.inputTokens,
        outputTokens: input.usage.outputTokens,
        costUsd: input.usage.costUsd,
        estimated: input.usage.estimated,
        source: input.source,
        messageId: input.messageId,
        createdAt: new Date().toISOString(),
      });
    },

    /** Counts the tokens against today's quota; a counter that cannot be reached is reported, not thrown. */
    async charge({ userId, usage }: { userId: string; usage: MessageUsage }) {
      await limiter.addTokens({ userId, tokens: usage.inputTokens + usage.outputTokens }).catch(onError);
    },
  };
}
export type UsageMeter = ReturnType<typeof createUsageMeter>;
