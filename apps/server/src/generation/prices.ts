import { calcPrice } from "@pydantic/genai-prices";
import { splitModelId } from "../providers/registry.ts";

/** Slipstream's provider ids as the price catalogue names them; other providers (custom servers, v0) are not priced. */
const CATALOGUE_PROVIDERS: Record<string, string> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  xai: "x-ai",
  mistral: "mistral",
  deepseek: "deepseek",
};

/**
 * The cost in US dollars of a generation, from `@pydantic/genai-prices`' bundled catalogue (never fetched at run
 * time); null for a model the catalogue does not know.
 */
export function priceUsd({
  modelId,
  inputTokens,
  outputTokens,
}: {
  modelId: string;
  inputTokens: number;
  outputTokens: number;
}): number | null {
  const { provider, model } = splitModelId(modelId);
  const providerId = CATALOGUE_PROVIDERS[provider];
  if (!providerId || !model) return null;
  const price = calcPrice({ input_tokens: inputTokens, output_tokens: outputTokens }, model, { providerId });
  // Fractions of a cent add up over many generations; keep ten significant digits, not float noise.
  return price ? Number(price.total_price.toPrecision(10)) : null;
}
