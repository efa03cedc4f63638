/**
 * The Postgres URL with DATABASE_CA_FILE as its `sslrootcert` (node-postgres reads the file), and `sslmode=verify-full`
 * unless the URL names a mode: a CA file is for checking the server, so the certificate and host name are verified.
 */
export function withCaFile({ url, caFile }: { url: string; caFile?: string }): string {
  if (!caFile) return url;
  const parsed = new URL(url);
  parsed.searchParams.set("sslrootcert", caFile);
  if (!parsed.searchParams.has("sslmode")) parsed.searchParams.set("sslmode", "verify-full");
  return parsed.href;
}
