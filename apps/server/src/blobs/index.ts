import { join } from "node:path";
import type { Config, S3StorageConfig } from "../config.ts";
import type { BlobStore } from "./types.ts";

export type * from "./types.ts";
export { BlobTooLargeError } from "./types.ts";

/** Files on local disk under DATA_DIR/files, or in an S3 bucket (the SDK is loaded only then). */
export async function openBlobStore({
  storage,
  dataDir,
}: {
  storage: Config["storage"];
  dataDir: string;
}): Promise<BlobStore> {
  if (storage.kind === "s3") return (await import("./s3.ts")).createS3BlobStore(storage);
  return (await import("./local.ts")).createLocalBlobStore({ root: join(dataDir, "files") });
}

/** Where browsers reach the bucket (presigned uploads and downloads), for the web app's Content-Security-Policy. */
export function s3BrowserOrigin(settings: S3StorageConfig) {
  const endpoint = new URL(settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`);
  return settings.forcePathStyle ? endpoint.origin : `${endpoint.protocol}//${settings.bucket}.${endpoint.host}`;
}
