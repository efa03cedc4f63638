import { createDeepSeek } from "@ai-sdk/deepseek";
import { createMistral } from "@ai-sdk/mistral";
import { createVercel } from "@ai-sdk/vercel";
import type { ConnectionKind, KeyProvider } from "@slipstream/protocol";
import type { LanguageModel } from "ai";
import { type CatalogueConnection, CONNECTION_CATALOGUE, type HostedProvider } from "./catalogue.ts";
import type { WarnLogger } from "./model-discovery.ts";
import { catalogueModels, compatibleAdapter, hostedAdapter, type ProviderAdapter, resolveListed } from "./registry.ts";

type ModelFactory = (settings: {
  apiKey: string;
  baseURL?: string;
  fetch: typeof fetch;
}) => (model: string) => LanguageModel;

const CATALOGUE_FACTORIES: Record<CatalogueConnection, ModelFactory> = {
  mistral: (settings) => {
    const provider = createMistral(settings);
    return (model) => provider.languageModel(model);
  },
  deepseek: (settings) => {
    const provider = createDeepSeek(settings);
    return (model) => provider.languageModel(model);
  },
  vercel: (settings) => {
    const provider = createVercel(settings);
    return (model) => provider.languageModel(model);
  },
};

export type AdapterSource = {
  kind: KeyProvider | ConnectionKind;
  /** The provider part of the model ids. */
  name: string;
  apiKey?: string;
  baseURL?: string;
  /** Shown after each model's name, e.g. "your key". */
  suffix?: string;
};

/**
 * Builds the adapter for a user's key or an administrator's connection. `fetch` is the caller's: the outbound-safe
 * one for URLs users set, the plain one for the environment's trusted base URLs.
 */
export function adapterFor({
  source,
  fetch,
  discoveryFetch,
  logger,
}: {
  source: AdapterSource;
  fetch: typeof globalThis.fetch;
  discoveryFetch: typeof globalThis.fetch;
  logger: WarnLogger;
}): ProviderAdapter {
  const { kind, name, apiKey, baseURL, suffix } = source;
  const rename = (adapter: ProviderAdapter): ProviderAdapter =>
    suffix
      ? {
          ...adapter,
          listModels: async () =>
            (await adapter.listModels()).map((model) => ({ ...model, name: `${model.name} (${suffix})` })),
        }
      : adapter;
  if (kind === "openai-compatible") {
    return rename(
      compatibleAdapter({ name, baseURL: baseURL ?? "", apiKey }, { models: fetch, discovery: discoveryFetch }, logger),
    );
  }
  if (kind in CATALOGUE_FACTORIES) {
    const create = CATALOGUE_FACTORIES[kind as CatalogueConnection]({ apiKey: apiKey ?? "", baseURL, fetch });
    const models = catalogueModels(name, { chat: CONNECTION_CATALOGUE[kind as CatalogueConnection] });
    return rename({
      provider: name,
      listModels: async () => models,
      resolve: async (model) => resolveListed(models, { chat: create }, model),
      unreachable: () => null,
    });
  }
  return rename(hostedAdapter(kind as HostedProvider, { apiKey: apiKey ?? "", baseURL, fetch }));
}
