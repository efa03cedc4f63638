import type { Config } from "./config.ts";

/** Which providers have keys or a base URL configured (the demo model is always there). */
function configuredProviders(providers: Config["providers"]): string[] {
  const named = (["openai", "anthropic", "google", "xai"] as const).filter((name) => providers[name]);
  const compatible = providers.openaiCompatible ? [`${providers.openaiCompatible.name} (OpenAI-compatible)`] : [];
  return [...named, ...compatible, "demo"];
}

/** A URL without its credentials, for a log line. */
function withoutCredentials(value: string): string {
  const url = new URL(value);
  url.username = "";
  url.password = "";
  url.search = "";
  return url.href;
}

/**
 * What an operator wants to see once at start: where to point a browser, which providers, stores and sign-ins are
 * in use. No secret appears in it (URLs lose their user, password and query).
 */
export function describeStartup({ config, address }: { config: Config; address: string }) {
  const summary = {
    address,
    publicUrl: config.http.publicUrl ?? address,
    providers: configuredProviders(config.providers),
    store: config.db.kind === "postgres" ? `postgres ${withoutCredentials(config.db.url)}` : `sqlite ${config.db.path}`,
    redis: config.redis ? withoutCredentials(config.redis.url) : "none (bus, stream logs and limits in this process)",
    signIn: [
      "password",
      ...(config.oidc ? [`oidc ${config.oidc.issuer}`] : []),
      ...(config.jwt ? [`jwt ${config.jwt.issuer}`] : []),
    ],
    telemetry: config.telemetry.otlpEndpoint ? `otlp ${withoutCredentials(config.telemetry.otlpEndpoint)}` : "off",
  };
  // One line, so that a log search (or a test) finds the address where it always was.
  const message = [
    `Slipstream is listening on ${address}`,
    `open ${summary.publicUrl}`,
    `providers: ${summary.providers.join(", ")}`,
    `store: ${summary.store}`,
    `redis: ${summary.redis}`,
    `sign-in: ${summary.signIn.join(", ")}`,
    `traces: ${summary.telemetry}`,
  ].join(" | ");
  return { summary, message };
}
