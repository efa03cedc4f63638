import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

/** The credentials s3rver's built-in account accepts; anything else fails its SigV4 check. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export type TestS3 = {
  endpoint: string;
  bucket: string;
  /** The variables that point a server at this bucket. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** Lets any page upload and download by presigned URL, as a bucket serving a web app's users is set up. */
const BROWSER_CORS = `<CORSConfiguration><CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
  <AllowedHeader>*</AllowedHeader>
</CORSRule></CORSConfiguration>`;

/**
 * A real S3-compatible server (s3rver, which checks SigV4 signatures) in this process, on a free loopback port;
 * with `browsers`, its bucket takes requests from web pages (CORS), for browser tests.
 */
export async function startS3Server({
  bucket = "slipstream-test",
  browsers = false,
}: {
  bucket?: string;
  browsers?: boolean;
} = {}): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), "slipstream-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: browsers ? [BROWSER_CORS] : [] }],
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
