import { z } from "zod";
import { describeProviderError } from "./provider-errors.ts";

/** The part of the OpenAI `GET /models` answer that discovery reads. */
const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

export const DISCOVERY_TTL_MS = 60_000;
/** A failed discovery is retried sooner, so a local server started after Slipstream shows up quickly. */
export const FAILED_DISCOVERY_TTL_MS = 5_000;
const DISCOVERY_TIMEOUT_MS = 5_000;

export type WarnLogger = { warn(obj: object, msg: string): void };

/** The models an OpenAI-compatible server lists, cached, and why it could not be reached the last time it was not. */
export type ModelDiscovery = {
  /** The ids it lists; none while it cannot be reached. Never throws. */
  models(): Promise<string[]>;
  /** Null after a successful listing (or before any). */
  unreachable(): string | null;
};

type DiscoveryOptions = {
  name: string;
  baseURL: string;
  apiKey?: string;
  fetch?: typeof fetch;
  logger: WarnLogger;
  now?: () => number;
};

/**
 * Lists an OpenAI-compatible server's models from `GET {baseURL}/models`, cached for a minute and
 * shared by concurrent callers. A failure is logged (never with the key) and lists no models; it never throws.
 */
export function createModelDiscovery({
  name,
  baseURL,
  apiKey,
  fetch = globalThis.fetch,
  logger,
  now = () => Date.now(),
}: DiscoveryOptions): ModelDiscovery {
  const url = `${baseURL.replace(/\/+$/, "")}/models`;
  const { username, password } = new URL(baseURL);
  const printableBaseURL = username || password ? "(a URL with credentials)" : baseURL;
  let cached: { models: string[]; expiresAt: number; unreachable: string | null } | undefined;
  let pending: Promise<string[]> | undefined;

  async function discover(): Promise<string[]> {
    try {
      // fetch refuses such URLs with a message that quotes them, credentials included.
      if (username || password) throw new Error("the base URL must not contain credentials; use the API key setting");
      const response = await fetch(url, {
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`GET /models answered HTTP ${response.status}`);
      const models = modelListSchema.parse(await response.json()).data.map((model) => model.id);
      cached = { models, expiresAt: now() + DISCOVERY_TTL_MS, unreachable: null };
      return models;
    } catch (error) {
      logger.warn(
        { provider: name, baseURL: printableBaseURL, err: error },
        "could not list the models of the OpenAI-compatible server; listing none for now",
      );
      cached = { models: [], expiresAt: now() + FAILED_DISCOVERY_TTL_MS, unreachable: whyUnreachable(error) };
      return [];
    }
  }

  return {
    models() {
      if (cached && now() < cached.expiresAt) return Promise.resolve(cached.models);
      pending ??= discover().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    unreachable: () => cached?.unreachable ?? null,
  };
}

/** A sentence for a person about a failed discovery, without the URL (it may carry a token) or the server's body. */
function whyUnreachable(error: unknown): string {
  const described = describeProviderError(error, { idleTimeoutMs: DISCOVERY_TIMEOUT_MS });
  if (described !== "The model failed to answer.") return described.replace("The model provider", "The server");
  return error instanceof Error && /^GET \/models answered HTTP \d+$/.test(error.message)
    ? `The server's ${error.message}.`
    : "The server's model list could not be read.";
}
