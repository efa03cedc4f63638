import { createOpenAICompatible } from "@ai-sdk/openai-compatible";

/** The fake provider as the AI SDK peers reach it: the same provider package Slipstream uses for it. */
export const benchModel = () =>
  createOpenAICompatible({ name: "local", baseURL: `${process.env.PROVIDER_URL}/v1`, includeUsage: true }).chatModel(
    "bench",
  );
