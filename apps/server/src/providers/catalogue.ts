/** The hosted providers, in the order that picks the default model. */
export const HOSTED_PROVIDERS = ["openai", "anthropic", "google", "xai"] as const;
export type HostedProvider = (typeof HOSTED_PROVIDERS)[number];

export type CatalogueModel = { model: string; name: string };

/** Current chat models of each hosted provider, the provider's recommended default first. */
export const CATALOGUE: Record<HostedProvider, readonly CatalogueModel[]> = {
  openai: [
    { model: "gpt-5.5", name: "GPT-5.5" },
    { model: "gpt-5.4-mini", name: "GPT-5.4 mini" },
    { model: "gpt-4.1-mini", name: "GPT-4.1 mini" },
  ],
  anthropic: [
    { model: "claude-sonnet-5-5", name: "Claude Sonnet 5.5" },
    { model: "claude-opus-5-5", name: "Claude Opus 5.5" },
    { model: "claude-haiku-5-5", name: "Claude Haiku 5.5" },
  ],
  google: [
    { model: "gemini-3.5-flash", name: "Gemini 3.5 Flash" },
    { model: "gemini-3.1-pro-preview", name: "Gemini 3.1 Pro (preview)" },
    { model: "gemini-3.5-flash-lite", name: "Gemini 3.5 Flash-Lite" },
  ],
  xai: [
    { model: "grok-4.7", name: "Grok 4.7" },
    { model: "grok-4.20-non-reasoning", name: "Grok 4.20 (non-reasoning)" },
  ],
};

export const DEMO_MODEL_ID = "demo/echo";
export const DEMO_MODEL_NAME = "Demo (offline echo)";
