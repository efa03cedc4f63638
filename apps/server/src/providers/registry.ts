import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createXai } from "@ai-sdk/xai";
import type { LanguageModel } from "ai";
import type { KeyedProviderConfig, ProvidersConfig } from "../config.ts";
import { DomainError } from "../errors.ts";
import { CATALOGUE, DEMO_MODEL_ID, DEMO_MODEL_NAME, HOSTED_PROVIDERS, type HostedProvider } from "./catalogue.ts";
import { createDemoModel, type DemoModelOptions } from "./demo-model.ts";
import { withIdleTimeout } from "./idle-timeout-fetch.ts";
import type { ModelInfo, ModelRegistry } from "./index.ts";
import { createModelDiscovery, type WarnLogger } from "./model-discovery.ts";

/** One configured provider: what it lists, which model names it accepts, and how it builds a model. */
export type ProviderAdapter = {
  provider: string;
  listModels(): Promise<ModelInfo[]>;
  accepts(model: string): Promise<boolean>;
  languageModel(model: string): LanguageModel;
  /** Why its models could not be listed the last time they were asked for; null when they could. */
  unreachable(): string | null;
};

export type ProviderSettings = KeyedProviderConfig & { fetch?: typeof fetch };

/** How many distinct model objects the registry keeps built. */
const MODEL_CACHE_SIZE = 64;

const HOSTED_FACTORIES: Record<HostedProvider, (settings: ProviderSettings) => (model: string) => LanguageModel> = {
  openai: (settings) => {
    const provider = createOpenAI(settings);
    // Chat completions rather than Responses: the format that OpenAI-compatible proxies in OPENAI_BASE_URL speak too.
    return (model) => provider.chat(model);
  },
  anthropic: (settings) => {
    const provider = createAnthropic(settings);
    return (model) => provider.languageModel(model);
  },
  google: (settings) => {
    const provider = createGoogleGenerativeAI(settings);
    return (model) => provider.languageModel(model);
  },
  xai: (settings) => {
    const provider = createXai(settings);
    return (model) => provider.languageModel(model);
  },
};

export function splitModelId(id: string): { provider: string; model: string } {
  const slash = id.indexOf("/");
  return slash < 0 ? { provider: id, model: "" } : { provider: id.slice(0, slash), model: id.slice(slash + 1) };
}

export function hostedAdapter(
  provider: HostedProvider,
  settings: ProviderSettings,
  defaultModel?: string,
): ProviderAdapter {
  const create = HOSTED_FACTORIES[provider](settings);
  const entries = [...CATALOGUE[provider]];
  // A DEFAULT_MODEL of this provider that the catalogue lacks is offered too, so the default always works.
  const wanted = defaultModel === undefined ? undefined : splitModelId(defaultModel);
  if (wanted?.provider === provider && wanted.model && !entries.some((entry) => entry.model === wanted.model)) {
    entries.unshift({ model: wanted.model, name: wanted.model });
  }
  const models = entries.map((entry) => ({
    id: `${provider}/${entry.model}`,
    provider,
    name: entry.name,
    vision: entry.vision ?? true,
  }));
  return {
    provider,
    listModels: async () => models,
    accepts: async (model) => entries.some((entry) => entry.model === model),
    languageModel: create,
    // The catalogue is data: a hosted provider is not asked for it, so it is taken for reachable.
    unreachable: () => null,
  };
}

export function compatibleAdapter(
  config: NonNullable<ProvidersConfig["openaiCompatible"]>,
  fetches: { models: typeof fetch; discovery?: typeof fetch },
  logger: WarnLogger,
): ProviderAdapter {
  const { name, baseURL, apiKey } = config;
  const provider = createOpenAICompatible({ name, baseURL, apiKey, fetch: fetches.models, includeUsage: true });
  const discover = createModelDiscovery({ name, baseURL, apiKey, fetch: fetches.discovery, logger });
  return {
    provider: name,
    listModels: async () =>
      (await discover.models()).map((model) => ({
        id: `${name}/${model}`,
        provider: name,
        name: `${model} (${name})`,
        // An OpenAI-compatible server does not say what its models take: images are sent, and a model that
        // cannot read them answers so itself.
        vision: true,
      })),
    // A server that lists its models accepts those; one that lists none, or cannot be reached now, gets any name
    // tried (the call then says what is wrong).
    accepts: async (model) => {
      const listed = await discover.models();
      return listed.length === 0 ? model.length > 0 : listed.includes(model);
    },
    languageModel: (model) => provider.chatModel(model),
    unreachable: discover.unreachable,
  };
}

export type ModelRegistryOptions = {
  config: ProvidersConfig;
  /** Used for every provider call (behind the `idleTimeoutMs` guard) and for model discovery. */
  fetch?: typeof fetch;
  logger?: WarnLogger;
  demoModel?: DemoModelOptions;
};

/**
 * The registry over the configured providers: a provider is present only when its config is, and
 * `demo/echo` always is. Ids are `provider/model`; the OpenAI-compatible server's models are discovered.
 * @example createModelRegistry({ config: config.providers, logger })
 */
export function createModelRegistry({
  config,
  fetch,
  logger = { warn: (obj, msg) => console.warn(msg, obj) },
  demoModel,
}: ModelRegistryOptions): ModelRegistry {
  const modelFetch = withIdleTimeout(fetch ?? globalThis.fetch, config.idleTimeoutMs);
  const adapters: ProviderAdapter[] = [];
  for (const provider of HOSTED_PROVIDERS) {
    const settings = config[provider];
    if (settings) adapters.push(hostedAdapter(provider, { ...settings, fetch: modelFetch }, config.defaultModel));
  }
  if (config.openaiCompatible) {
    const { name } = config.openaiCompatible;
    if (name === "demo" || adapters.some((adapter) => adapter.provider === name)) {
      throw new Error(`OPENAI_COMPATIBLE_NAME "${name}" clashes with another provider; choose another name.`);
    }
    adapters.push(compatibleAdapter(config.openaiCompatible, { models: modelFetch, discovery: fetch }, logger));
  }
  const { defaultModel } = config;
  if (defaultModel && defaultModel !== DEMO_MODEL_ID) {
    const { provider } = splitModelId(defaultModel);
    if (!adapters.some((adapter) => adapter.provider === provider)) {
      logger.warn(
        { defaultModel },
        "DEFAULT_MODEL names a provider that is not configured; new conversations will fail",
      );
    }
  }
  const demo = createDemoModel(demoModel);
  // A provider's model object is stateless and costly to build (it compiles its response schemas): build each once.
  const instances = new Map<string, LanguageModel>();
  const demoInfo: ModelInfo = { id: DEMO_MODEL_ID, provider: "demo", name: DEMO_MODEL_NAME, vision: false };

  return {
    async listModels() {
      const lists = await Promise.all(adapters.map((adapter) => adapter.listModels()));
      return [...lists.flat(), demoInfo];
    },

    async getModel(id) {
      if (id === DEMO_MODEL_ID) return demo;
      const cached = instances.get(id);
      if (cached) return cached;
      const { provider, model } = splitModelId(id);
      const adapter = adapters.find((candidate) => candidate.provider === provider);
      if (!adapter || !(await adapter.accepts(model))) {
        throw new DomainError("model_not_found", `Unknown model: ${id}. Choose one of the models the server lists.`);
      }
      const instance = adapter.languageModel(model);
      // Model names are the user's to choose, so the cache forgets the oldest rather than growing without bound.
      if (instances.size >= MODEL_CACHE_SIZE) instances.delete(instances.keys().next().value as string);
      instances.set(id, instance);
      return instance;
    },

    async listProviders() {
      await Promise.all(adapters.map((adapter) => adapter.listModels()));
      return adapters.map((adapter) => {
        const message = adapter.unreachable();
        return { id: adapter.provider, status: message ? ("unreachable" as const) : ("available" as const), message };
      });
    },

    async defaultModelId() {
      if (defaultModel) return defaultModel;
      for (const adapter of adapters) {
        const [first] = await adapter.listModels();
        if (first) return first.id;
      }
      return DEMO_MODEL_ID;
    },
  };
}
