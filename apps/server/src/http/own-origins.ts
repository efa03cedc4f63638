/** Where the server's own pages are served from: PUBLIC_URL, CORS_ORIGINS, and the origin the request was sent to. */
export type OwnOrigins = { publicUrl?: string; corsOrigins: string[] };

/**
 * Whether `origin` is one of ours. Exact match only: a missing or `null` origin, another port of the same host,
 * or a look-alike such as `http://localhost:3000.evil.test` is not.
 */
export function isOwnOrigin({
  origin,
  host,
  encrypted,
  own,
}: {
  origin: string | undefined;
  host: string | undefined;
  encrypted: boolean;
  own: OwnOrigins;
}): boolean {
  if (!origin || origin === "null") return false;
  if (own.corsOrigins.includes(origin)) return true;
  if (own.publicUrl && new URL(own.publicUrl).origin === origin) return true;
  return host !== undefined && `${encrypted ? "https" : "http"}://${host}` === origin;
}
