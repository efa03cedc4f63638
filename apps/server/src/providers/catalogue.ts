/** The hosted providers, in the order that picks the default model. */
export const HOSTED_PROVIDERS = ["openai", "anthropic", "google", "xai"] as const;
export type HostedProvider = (typeof HOSTED_PROVIDERS)[number];

/** `vision: false` marks a model that reads only text; every other one takes images. */
export type CatalogueModel = { model: string; name: string; vision?: false };

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

/** Image models of each hosted provider that makes images, through the AI SDK's `generateImage`. */
export const IMAGE_CATALOGUE: Partial<Record<HostedProvider, readonly CatalogueModel[]>> = {
  openai: [
    { model: "gpt-image-1", name: "GPT Image 1" },
    { model: "dall-e-3", name: "DALL·E 3" },
  ],
  google: [{ model: "imagen-4.0-generate-001", name: "Imagen 4" }],
  xai: [{ model: "grok-imagine-image", name: "Grok Imagine" }],
};

export const DEMO_MODEL_ID = "demo/echo";
export const DEMO_MODEL_NAME = "Demo (offline echo)";
export const DEMO_IMAGE_MODEL_ID = "demo/image";
export const DEMO_IMAGE_MODEL_NAME = "Demo (offline image)";

/**
 * Names an OpenAI-compatible server lists that are image models by their family's naming (`gpt-image-1`, `dall-e-3`,
 * `flux.1-schnell`, `stable-diffusion-xl`, `sdxl-turbo`, `imagen-4`): such servers list models without saying what
 * each makes.
 */
export const looksLikeImageModel = (model: string) => /image|dall-e|flux|stable-diffusion|sdxl|imagen/i.test(model);

/** Providers administrators may connect at run time with a key, and the chat models each offers. */
export const CONNECTION_CATALOGUE = {
  mistral: [
    { model: "mistral-large-latest", name: "Mistral Large", vision: false },
    { model: "mistral-medium-latest", name: "Mistral Medium" },
    { model: "mistral-small-latest", name: "Mistral Small" },
  ],
  deepseek: [
    { model: "deepseek-chat", name: "DeepSeek V3 (chat)", vision: false },
    { model: "deepseek-reasoner", name: "DeepSeek R1 (reasoner)", vision: false },
  ],
  vercel: [
    { model: "v0-1.5-md", name: "v0 1.5 md" },
    { model: "v0-1.5-lg", name: "v0 1.5 lg" },
  ],
} as const satisfies Record<string, readonly CatalogueModel[]>;
export type CatalogueConnection = keyof typeof CONNECTION_CATALOGUE;
