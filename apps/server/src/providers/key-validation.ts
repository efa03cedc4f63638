import { DomainError } from "../errors.ts";

/** Where each provider answers when no base URL is given. */
export const DEFAULT_BASE_URLS = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
  google: "https://generativelanguage.googleapis.com/v1beta",
  xai: "https://api.x.ai/v1",
  mistral: "https://api.mistral.ai/v1",
  deepseek: "https://api.deepseek.com",
  vercel: "https://api.v0.dev/v1",
} as const;

/** How a provider takes its key on `GET {base}/models`, the cheap authenticated call that tells a good key. */
const AUTH_HEADERS: Record<string, (apiKey: string) => Record<string, string>> = {
  anthropic: (apiKey) => ({ "x-api-key": apiKey, "anthropic-version": "2023-06-01" }),
  google: (apiKey) => ({ "x-goog-api-key": apiKey }),
};
const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

const VALIDATION_TIMEOUT_MS = 10_000;
const MAX_REASON_LENGTH = 300;

/**
 * Removes the key, and anything shaped like a key or a fragment of one, from a provider's message: OpenAI, for one,
 * quotes part of a refused key back ("Incorrect API key provided: sk-ab***wxyz").
 */
export function redactKey(text: string, apiKey: string): string {
  const withoutKey = apiKey.length >= 4 ? text.split(apiKey).join("[redacted]") : text;
  return withoutKey
    .replace(/\b(sk|xai|gsk|pk|rk|AIza)[-_A-Za-z0-9*]{4,}/g, "[redacted]")
    .replace(/[A-Za-z0-9_-]*\*{3,}[A-Za-z0-9_-]*/g, "[redacted]");
}

async function providerReason(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof body.error === "object" && typeof body.error?.message === "string"
        ? body.error.message
        : typeof body.error === "string"
          ? body.error
          : typeof body.message === "string"
            ? body.message
            : undefined;
    if (message) return message;
  } catch {
    // Not JSON: the status says enough.
  }
  return `HTTP ${response.status} ${response.statusText}`.trim();
}

/**
 * Asks the provider whether it accepts the key, by listing its models. A refusal is DomainError `invalid_key`
 * with the provider's reason (the key redacted from it); a URL users may not reach is `unsafe_url`.
 */
export async function validateProviderKey({
  provider,
  apiKey,
  baseUrl,
  fetch,
}: {
  provider: string;
  apiKey: string;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
}): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, "")}/models`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json", ...(AUTH_HEADERS[provider] ?? bearer)(apiKey) },
      signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
    });
  } catch (error) {
    const unsafe = [error, (error as Error)?.cause].find(
      (candidate) => (candidate as { code?: unknown })?.code === "unsafe_url",
    ) as Error | undefined;
    if (unsafe) throw new DomainError("unsafe_url", unsafe.message);
    const reason =
      error instanceof Error && error.name === "TimeoutError" ? "it did not answer in time" : "it could not be reached";
    throw new DomainError("invalid_key", `The key could not be checked: ${new URL(url).host} ${reason}.`);
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const reason = redactKey(await providerReason(response), apiKey).slice(0, MAX_REASON_LENGTH);
  throw new DomainError("invalid_key", `The provider refused the key: ${reason}`);
}
