import type {
  CreateProviderConnectionBody,
  CreateProviderKeyBody,
  ProviderConnection,
  ProviderKey,
} from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { ProvidersConfig } from "../config.ts";
import { conflict, DomainError, notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { ProviderConnectionRecord, ProviderKeyRecord, Store } from "../store/index.ts";
import { HOSTED_PROVIDERS } from "./catalogue.ts";
import { DEFAULT_BASE_URLS, validateProviderKey } from "./key-validation.ts";
import { assertSafeUrl, type OutboundPolicy, UnsafeUrlError } from "./outbound-safety.ts";
import { connectionContext, providerKeyContext } from "./user-models.ts";

const hintOf = (apiKey: string) => `…${apiKey.slice(-4)}`;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function presentProviderKey(key: ProviderKeyRecord): ProviderKey {
  const { id, provider, label, baseUrl, hint, modelProvider, createdAt, lastUsedAt } = key;
  return {
    id,
    provider: provider as ProviderKey["provider"],
    label,
    baseUrl,
    hint,
    modelProvider,
    createdAt,
    lastUsedAt,
  };
}

export function presentConnection(connection: ProviderConnectionRecord): ProviderConnection {
  const { id, kind, name, baseUrl, hint, createdAt } = connection;
  return { id, kind: kind as ProviderConnection["kind"], name, baseUrl, hint, createdAt };
}

/**
 * Users' own provider keys and administrators' provider connections: each key is checked with its provider before it
 * is stored, sealed by the secrets port, and never returned, logged or sent anywhere but its provider.
 */
export function createProviderKeysService({
  store,
  secrets,
  access,
  providers,
  outbound,
  safeFetch,
}: {
  store: Pick<Store, "providerKeys" | "providerConnections">;
  secrets: SecretBox;
  access: AccessPolicy;
  providers: ProvidersConfig;
  outbound: OutboundPolicy;
  safeFetch: typeof fetch;
}) {
  const reservedNames = () =>
    new Set<string>([
      "demo",
      ...HOSTED_PROVIDERS,
      ...(providers.openaiCompatible ? [providers.openaiCompatible.name] : []),
    ]);

  async function checkUrl(baseUrl: string | undefined) {
    if (!baseUrl) return;
    try {
      await assertSafeUrl(baseUrl, outbound);
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new DomainError("unsafe_url", error.message);
      throw error;
    }
  }

  /** Where the key is checked: its own base URL (outbound-safe), else where the server's key goes, else the provider. */
  function validationTarget(provider: string, baseUrl: string | undefined) {
    if (baseUrl) return { baseUrl, fetch: safeFetch };
    const envBaseURL = providers[provider as "openai"]?.baseURL;
    if (envBaseURL) return { baseUrl: envBaseURL, fetch: globalThis.fetch };
    return { baseUrl: DEFAULT_BASE_URLS[provider as keyof typeof DEFAULT_BASE_URLS], fetch: safeFetch };
  }

  return {
    async listKeys({ principal }: { principal: Principal }) {
      return store.providerKeys.listKeysByUserId({ userId: principal.userId });
    },

    async addKey({ principal, provider, apiKey, baseUrl, label }: CreateProviderKeyBody & { principal: Principal }) {
      const custom = provider === "openai-compatible";
      const modelProvider = custom ? slug(label ?? new URL(baseUrl ?? "http://custom").hostname) || "custom" : provider;
      if (custom) {
        const connections = await store.providerConnections.listConnections();
        if (reservedNames().has(modelProvider) || connections.some((connection) => connection.name === modelProvider)) {
          throw conflict(`The name ${modelProvider} is taken by a provider of the server; choose another label.`);
        }
      }
      await checkUrl(baseUrl);
      await validateProviderKey({ provider, apiKey, ...validationTarget(provider, baseUrl) });
      const id = newId();
      const userId = principal.userId;
      return store.providerKeys.createKey({
        id,
        userId,
        provider,
        modelProvider,
        label: label ?? (custom ? modelProvider : provider),
        baseUrl: baseUrl ?? null,
        hint: hintOf(apiKey),
        secret: secrets.seal({ plaintext: apiKey, context: providerKeyContext({ userId, id }) }),
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
      });
    },

    async deleteKey({ principal, id }: { principal: Principal; id: string }) {
      if (!(await store.providerKeys.deleteKey({ id, userId: principal.userId }))) throw notFound("Key");
    },

    async listConnections({ principal }: { principal: Principal }) {
      access.requireAdmin({ principal, action: "admin.providers" });
      return store.providerConnections.listConnections();
    },

    async addConnection({
      principal,
      kind,
      name,
      baseUrl,
      apiKey,
    }: CreateProviderConnectionBody & { principal: Principal }) {
      access.requireAdmin({ principal, action: "admin.providers" });
      const connectionName = name ?? kind;
      if (reservedNames().has(connectionName)) {
        throw conflict(`The name ${connectionName} is taken by a provider of the server; choose another.`);
      }
      await checkUrl(baseUrl);
      if (apiKey && kind !== "vercel") {
        // v0 has no cheap listing call to check a key with; its key is checked by the first generation.
        const target = baseUrl ?? DEFAULT_BASE_URLS[kind as keyof typeof DEFAULT_BASE_URLS];
        await validateProviderKey({ provider: kind, apiKey, baseUrl: target, fetch: safeFetch });
      }
      const id = newId();
      return store.providerConnections.createConnection({
        id,
        kind,
        name: connectionName,
        baseUrl: baseUrl ?? null,
        hint: apiKey ? hintOf(apiKey) : null,
        secret: apiKey ? secrets.seal({ plaintext: apiKey, context: connectionContext({ id }) }) : null,
        createdAt: new Date().toISOString(),
      });
    },

    async deleteConnection({ principal, id }: { principal: Principal; id: string }) {
      access.requireAdmin({ principal, action: "admin.providers" });
      if (!(await store.providerConnections.deleteConnection({ id }))) throw notFound("Provider connection");
    },
  };
}
export type ProviderKeysService = ReturnType<typeof createProviderKeysService>;
