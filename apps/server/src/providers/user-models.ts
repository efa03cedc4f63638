import type { ProvidersConfig } from "../config.ts";
import { DomainError } from "../errors.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { ModelAccessRecord, ProviderConnectionRecord, ProviderKeyRecord, Store } from "../store/index.ts";
import { DEMO_MODEL_ID } from "./catalogue.ts";
import { type AdapterSource, adapterFor } from "./connection-adapters.ts";
import { withIdleTimeout } from "./idle-timeout-fetch.ts";
import type { ModelInfo, ModelRegistry, ModelViewer, ResolvedModel } from "./index.ts";
import type { WarnLogger } from "./model-discovery.ts";
import { chatModelOf, type ProviderAdapter, splitModelId } from "./registry.ts";

/** The secret's context: its owner and id, so a row copied elsewhere does not open. */
export const providerKeyContext = (key: Pick<ProviderKeyRecord, "userId" | "id">) =>
  `provider-key:${key.userId}:${key.id}`;
export const connectionContext = (connection: Pick<ProviderConnectionRecord, "id">) =>
  `provider-connection:${connection.id}`;

/** Model objects are costly to build (they compile their response schemas): an adapter builds each of its own once. */
function withModelCache(adapter: ProviderAdapter): ProviderAdapter {
  const built = new Map<string, ResolvedModel>();
  return {
    ...adapter,
    async resolve(model) {
      let instance = built.get(model);
      if (!instance) {
        instance = await adapter.resolve(model);
        if (!instance) return undefined;
        if (built.size >= 32) built.delete(built.keys().next().value as string);
        built.set(model, instance);
      }
      return instance;
    },
  };
}

/** A key's last use is written at most this often, so a busy user does not write on every generation. */
const TOUCH_EVERY_MS = 60_000;

const notOffered = (id: string) =>
  new DomainError("model_not_found", `Unknown model: ${id}. Choose one of the models the server lists.`);

/**
 * The models each user may use: the environment's providers, the provider connections administrators added, and
 * the user's own keys (ahead of the server's key for the same provider), less the models administrators turned off
 * or keep for other roles. A user's key serves only that user. Keys and connections are read from the store on
 * every call, so a key deleted on one instance stops being used on all of them.
 */
export function createUserModelRegistry({
  base,
  store,
  secrets,
  providers,
  safeFetch,
  logger,
}: {
  /** The environment's providers (trusted, their base URLs included). */
  base: ModelRegistry;
  store: Pick<Store, "providerKeys" | "providerConnections" | "modelAccess">;
  secrets: SecretBox;
  providers: ProvidersConfig;
  /** The outbound-safe fetch for base URLs that users and administrators set. */
  safeFetch: typeof fetch;
  logger: WarnLogger;
}): ModelRegistry & { listAllModels(viewer?: ModelViewer): Promise<ModelInfo[]> } {
  const modelFetch = withIdleTimeout(safeFetch, providers.idleTimeoutMs);
  const trustedFetch = withIdleTimeout(globalThis.fetch, providers.idleTimeoutMs);
  // Built adapters by the secret they were built with: a replaced or deleted key never matches again.
  const adapters = new Map<string, ProviderAdapter>();
  const touched = new Map<string, number>();

  function cached(cacheKey: string, source: () => AdapterSource, userSetUrl: boolean): ProviderAdapter {
    let adapter = adapters.get(cacheKey);
    if (!adapter) {
      adapter = adapterFor({
        source: source(),
        fetch: userSetUrl ? modelFetch : trustedFetch,
        discoveryFetch: userSetUrl ? safeFetch : globalThis.fetch,
        logger,
      });
      if (adapters.size >= 256) adapters.delete(adapters.keys().next().value as string);
      adapters.set(cacheKey, withModelCache(adapter));
      adapter = adapters.get(cacheKey) as ProviderAdapter;
    }
    return adapter;
  }

  function keyAdapter(key: ProviderKeyRecord): ProviderAdapter {
    // Without a base URL of its own, a hosted key goes where the server's key for that provider goes (its
    // environment base URL, trusted) or to the provider itself.
    const envBaseURL = key.provider === "openai-compatible" ? undefined : providers[key.provider as "openai"]?.baseURL;
    return cached(
      `key:${key.id}:${key.secret}`,
      () => ({
        kind: key.provider as AdapterSource["kind"],
        name: key.modelProvider,
        apiKey: secrets.open({ sealed: key.secret, context: providerKeyContext(key) }),
        baseURL: key.baseUrl ?? envBaseURL,
        suffix: "your key",
      }),
      key.baseUrl !== null || envBaseURL === undefined,
    );
  }

  function connectionAdapter(connection: ProviderConnectionRecord): ProviderAdapter {
    return cached(
      `connection:${connection.id}:${connection.secret ?? ""}`,
      () => ({
        kind: connection.kind as AdapterSource["kind"],
        name: connection.name,
        apiKey: connection.secret
          ? secrets.open({ sealed: connection.secret, context: connectionContext(connection) })
          : undefined,
        baseURL: connection.baseUrl ?? undefined,
      }),
      true,
    );
  }

  async function sourcesFor(viewer: ModelViewer | undefined) {
    const [keys, connections, access] = await Promise.all([
      viewer ? store.providerKeys.listKeysByUserId({ userId: viewer.userId }) : Promise.resolve([]),
      store.providerConnections.listConnections(),
      store.modelAccess.listModelAccess(),
    ]);
    return { keys, connections, access: new Map(access.map((entry) => [entry.modelId, entry])) };
  }

  const offered = (access: Map<string, ModelAccessRecord>, id: string, viewer: ModelViewer | undefined) => {
    const rule = access.get(id);
    if (!rule) return true;
    if (!rule.enabled) return false;
    return rule.roles === null || viewer === undefined || rule.roles.includes(viewer.role);
  };

  function touch(key: ProviderKeyRecord) {
    const now = Date.now();
    if (now - (touched.get(key.id) ?? 0) < TOUCH_EVERY_MS) return;
    touched.set(key.id, now);
    store.providerKeys
      .touchKey({ id: key.id, now: new Date(now).toISOString() })
      .catch((error: unknown) => logger.warn({ err: error }, "could not record a key's last use"));
  }

  /** Every model without the access rules, for administrators deciding them. */
  async function listAllModels(viewer?: ModelViewer): Promise<ModelInfo[]> {
    const { keys, connections } = await sourcesFor(viewer);
    const lists = await Promise.all([
      base.listModels(),
      ...connections.map((connection) => connectionAdapter(connection).listModels()),
      ...keys.map((key) => keyAdapter(key).listModels()),
    ]);
    const [fromBase = [], ...added] = lists;
    const isDemo = (model: ModelInfo) => model.provider === "demo";
    const seen = new Set<string>();
    return [...fromBase.filter((model) => !isDemo(model)), ...added.flat(), ...fromBase.filter(isDemo)].filter(
      (model) => {
        // A user's key for a provider the server also has lists the same ids once, under the user's key.
        if (seen.has(model.id)) return false;
        seen.add(model.id);
        return true;
      },
    );
  }

  const registry: ModelRegistry & { listAllModels: typeof listAllModels } = {
    listAllModels,

    async listModels(viewer) {
      const [all, access] = await Promise.all([listAllModels(viewer), store.modelAccess.listModelAccess()]);
      const rules = new Map(access.map((entry) => [entry.modelId, entry]));
      return all.filter((model) => offered(rules, model.id, viewer));
    },

    async resolveModel(id, viewer) {
      const { keys, connections, access } = await sourcesFor(viewer);
      if (!offered(access, id, viewer)) throw notOffered(id);
      const { provider, model } = splitModelId(id);
      const key = keys.find((candidate) => candidate.modelProvider === provider);
      if (key) {
        const resolved = await keyAdapter(key).resolve(model);
        if (!resolved) throw notOffered(id);
        touch(key);
        return resolved;
      }
      const connection = connections.find((candidate) => candidate.name === provider);
      if (connection) {
        const resolved = await connectionAdapter(connection).resolve(model);
        if (!resolved) throw notOffered(id);
        return resolved;
      }
      return base.resolveModel(id);
    },

    async getModel(id, viewer) {
      return chatModelOf(id, await registry.resolveModel(id, viewer));
    },

    listProviders: () => base.listProviders(),

    /** The server's default, unless it is the demo (then the viewer's first real model) or withheld from them. */
    async defaultModelId(viewer) {
      const fallback = await base.defaultModelId();
      if (!viewer) return fallback;
      const models = await registry.listModels(viewer);
      const offeredFallback = models.some((model) => model.id === fallback);
      if (offeredFallback && fallback !== DEMO_MODEL_ID) return fallback;
      // A DEFAULT_MODEL no provider offers is a misconfiguration: creating with it refuses, as a send would.
      if (!offeredFallback && !(await base.listModels()).some((model) => model.id === fallback)) return fallback;
      const chat = models.filter((model) => model.kind === "chat");
      return (chat.find((model) => model.id !== DEMO_MODEL_ID) ?? chat[0])?.id ?? fallback;
    },
  };
  return registry;
}
export type UserModelRegistry = ReturnType<typeof createUserModelRegistry>;
