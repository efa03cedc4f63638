import { z } from "zod";

/** Tokens and cost of one generation; `estimated` when the provider reported no usage and a tokenizer counted. */
export const messageUsageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  /** Null when the price catalogue does not know the model. */
  costUsd: z.number().nullable(),
  estimated: z.boolean(),
});
export type MessageUsage = z.infer<typeof messageUsageSchema>;

export const usageSourceSchema = z.enum(["chat", "api", "trigger"]);
export type UsageSource = z.infer<typeof usageSourceSchema>;

/** Sums over a set of generations. `costUsd` adds up the priced ones; null when none was priced. */
export const usageTotalsSchema = z.object({
  generations: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().nullable(),
});
export type UsageTotals = z.infer<typeof usageTotalsSchema>;

export const usageReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: usageTotalsSchema,
  byModel: z.array(usageTotalsSchema.extend({ model: z.string() })),
  /** One entry per UTC day that had usage, `day` as `YYYY-MM-DD`, oldest first. */
  byDay: z.array(usageTotalsSchema.extend({ day: z.string() })),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

export const usageQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;

export const usageResponseSchema = z.object({ usage: usageReportSchema });
export type UsageResponse = z.infer<typeof usageResponseSchema>;

/** The limits in force for a user: an administrator's override, else the server's default. */
export const userLimitsSchema = z.object({
  concurrentGenerations: z.number().int().min(0),
  requestsPerMinute: z.number().int().min(0),
  /** Null: unlimited. */
  tokensPerDay: z.number().int().min(0).nullable(),
});
export type UserLimits = z.infer<typeof userLimitsSchema>;

/** An administrator's per-user override: a field left out keeps its value, a field set to null goes back to the default. */
export const userLimitOverridesSchema = z.object({
  concurrentGenerations: z.number().int().min(0).max(10_000).nullable().optional(),
  requestsPerMinute: z.number().int().min(0).max(1_000_000).nullable().optional(),
  tokensPerDay: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
});
export type UserLimitOverrides = z.infer<typeof userLimitOverridesSchema>;
