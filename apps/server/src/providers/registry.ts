import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createXai } from "@ai-sdk/xai";
import type { ModelKind } from "@slipstream/protocol";
import type { ImageModel, LanguageModel } from "ai";
import type { KeyedProviderConfig, ProvidersConfig } from "../config.ts";
import { badRequest, DomainError } from "../errors.ts";
import {
  CATALOGUE,
  type CatalogueModel,
  DEMO_IMAGE_MODEL_ID,
  DEMO_IMAGE_MODEL_NAME,
  DEMO_MODEL_ID,
  DEMO_MODEL_NAME,
  HOSTED_PROVIDERS,
  type HostedProvider,
  IMAGE_CATALOGUE,
  looksLikeImageModel,
} from "./catalogue.ts";
import { createDemoImageModel } from "./demo-image-model.ts";
import { createDemoModel, type DemoModelOptions } from "./demo-model.ts";
import { withIdleTimeout } from "./idle-timeout-fetch.ts";
import type { ModelInfo, ModelRegistry, ResolvedModel } from "./index.ts";
import { createModelDiscovery, type WarnLogger } from "./model-discovery.ts";

/** One configured provider: what it lists, and the model a name of its builds (none for a name it does not take). */
export type ProviderAdapter = {
  provider: string;
  listModels(): Promise<ModelInfo[]>;
  resolve(model: string): Promise<ResolvedModel | undefined>;
  /** Why its models could not be listed the last time they were asked for; null when they could. */
  unreachable(): string | null;
};

export type ProviderSettings = KeyedProviderConfig & { fetch?: typeof fetch };

/** How many distinct model objects the registry keeps built. */
const MODEL_CACHE_SIZE = 64;

type ModelFactories = { chat: (model: string) => LanguageModel; image?: (model: string) => ImageModel };

const HOSTED_FACTORIES: Record<HostedProvider, (settings: ProviderSettings) => ModelFactories> = {
  openai: (settings) => {
    const provider = createOpenAI(settings);
    // Chat completions rather than Responses: the format that OpenAI-compatible proxies in OPENAI_BASE_URL speak too.
    return { chat: (model) => provider.chat(model), image: (model) => provider.image(model) };
  },
  anthropic: (settings) => {
    const provider = createAnthropic(settings);
    return { chat: (model) => provider.languageModel(model) };
  },
  google: (settings) => {
    const provider = createGoogleGenerativeAI(settings);
    return { chat: (model) => provider.languageModel(model), image: (model) => provider.image(model) };
  },
  xai: (settings) => {
    const provider = createXai(settings);
    return { chat: (model) => provider.languageModel(model), image: (model) => provider.image(model) };
  },
};

/**
 * A provider's catalogue as listed models: its chat models (which see images unless the catalogue says otherwise),
 * then its image models (which make images and take none).
 */
export function catalogueModels(
  provider: string,
  { chat, image = [] }: { chat: readonly CatalogueModel[]; image?: readonly CatalogueModel[] },
): ModelInfo[] {
  const listed = (entry: CatalogueModel, kind: ModelKind, vision: boolean): ModelInfo => ({
    id: `${provider}/${entry.model}`,
    provider,
    name: entry.name,
    kind,
    vision,
  });
  return [
    ...chat.map((entry) => listed(entry, "chat", entry.vision ?? true)),
    ...image.map((entry) => listed(entry, "image", false)),
  ];
}

/** Builds what a listed model name is, through the factory of its kind; undefined for a name not listed. */
export function resolveListed(
  listed: readonly ModelInfo[],
  factories: ModelFactories,
  model: string,
): ResolvedModel | undefined {
  const entry = listed.find((candidate) => splitModelId(candidate.id).model === model);
  if (!entry) return undefined;
  if (entry.kind === "image" && factories.image) return { kind: "image", model: factories.image(model) };
  return entry.kind === "chat" ? { kind: "chat", model: factories.chat(model) } : undefined;
}

/** The chat model of a resolved id: an image model answers with a picture, so it cannot chat or title. */
export function chatModelOf(id: string, resolved: ResolvedModel): LanguageModel {
  if (resolved.kind === "chat") return resolved.model;
  throw badRequest(`${id} is an image model: it makes images and cannot answer in text. Choose a chat model.`);
}

export function splitModelId(id: string): { provider: string; model: string } {
  const slash = id.indexOf("/");
  return slash < 0 ? { provider: id, model: "" } : { provider: id.slice(0, slash), model: id.slice(slash + 1) };
}

export function hostedAdapter(
  provider: HostedProvider,
  settings: ProviderSettings,
  defaultModel?: string,
): ProviderAdapter {
  const factories = HOSTED_FACTORIES[provider](settings);
  const entries = [...CATALOGUE[provider]];
  const images = IMAGE_CATALOGUE[provider] ?? [];
  // A DEFAULT_MODEL of this provider that the catalogue lacks is offered too, so the default always works.
  const wanted = defaultModel === undefined ? undefined : splitModelId(defaultModel);
  const listed = (name: string) => [...entries, ...images].some((entry) => entry.model === name);
  if (wanted?.provider === provider && wanted.model && !listed(wanted.model)) {
    entries.unshift({ model: wanted.model, name: wanted.model });
  }
  const models = catalogueModels(provider, { chat: entries, image: images });
  return {
    provider,
    listModels: async () => models,
    resolve: async (model) => resolveListed(models, factories, model),
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
  const kindOf = (model: string) => (looksLikeImageModel(model) ? ("image" as const) : ("chat" as const));
  return {
    provider: name,
    listModels: async () =>
      (await discover.models()).map((model) => ({
        id: `${name}/${model}`,
        provider: name,
        name: `${model} (${name})`,
        kind: kindOf(model),
        // An OpenAI-compatible server does not say what its chat models take: images are sent, and a model that
        // cannot read them answers so itself.
        vision: kindOf(model) === "chat",
      })),
    // A server that lists its models accepts those; one that lists none, or cannot be reached now, gets any name
    // tried (the call then says what is wrong).
    resolve: async (model) => {
      const listed = await discover.models();
      if (listed.length === 0 ? model.length === 0 : !listed.includes(model)) return undefined;
      return kindOf(model) === "image"
        ? { kind: "image", model: provider.imageModel(model) }
        : { kind: "chat", model: provider.chatModel(model) };
    },
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
 * `demo/echo` and `demo/image` always are. Ids are `provider/model`; the OpenAI-compatible server's models are discovered.
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
  // A provider's model object is stateless and costly to build (it compiles its response schemas): build each once.
  const instances = new Map<string, ResolvedModel>();
  const demos = new Map<string, ResolvedModel>([
    [DEMO_MODEL_ID, { kind: "chat", model: createDemoModel(demoModel) }],
    [DEMO_IMAGE_MODEL_ID, { kind: "image", model: createDemoImageModel() }],
  ]);
  const demoInfos: ModelInfo[] = [
    { id: DEMO_MODEL_ID, provider: "demo", name: DEMO_MODEL_NAME, kind: "chat", vision: false },
    { id: DEMO_IMAGE_MODEL_ID, provider: "demo", name: DEMO_IMAGE_MODEL_NAME, kind: "image", vision: false },
  ];

  async function resolveModel(id: string): Promise<ResolvedModel> {
    const cached = demos.get(id) ?? instances.get(id);
    if (cached) return cached;
    const { provider, model } = splitModelId(id);
    const adapter = adapters.find((candidate) => candidate.provider === provider);
    const resolved = await adapter?.resolve(model);
    if (!resolved) {
      throw new DomainError("model_not_found", `Unknown model: ${id}. Choose one of the models the server lists.`);
    }
    // Model names are the user's to choose, so the cache forgets the oldest rather than growing without bound.
    if (instances.size >= MODEL_CACHE_SIZE) instances.delete(instances.keys().next().value as string);
    instances.set(id, resolved);
    return resolved;
  }

  return {
    async listModels() {
      const lists = await Promise.all(adapters.map((adapter) => adapter.listModels()));
      return [...lists.flat(), ...demoInfos];
    },

    resolveModel,

    async getModel(id) {
      return chatModelOf(id, await resolveModel(id));
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
        const first = (await adapter.listModels()).find((model) => model.kind === "chat");
        if (first) return first.id;
      }
      return DEMO_MODEL_ID;
    },
  };
}
