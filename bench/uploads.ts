import { randomBytes } from "node:crypto";
import type { Upload } from "@slipstream/protocol";
import { startS3Server } from "../apps/server/test/s3-server.ts";
import { removeDir, signedInClient, startServer } from "../apps/server/test/support.ts";

/**
 * `npm run bench:uploads`: uploads a file at the default size limit (20 MiB) through the real server, to local
 * disk and to S3 (s3rver, in this process: a floor, not a real bucket), and prints the throughput of the PUT and
 * of the completion (existence, size and type checks), and the peak resident memory while it ran.
 */
const SIZE = 20 * 1024 * 1024;
const ROUNDS = 3;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

async function measure(storage: "local" | "s3") {
  const s3 = storage === "s3" ? await startS3Server() : undefined;
  const server = await startServer({ UPLOAD_MAX_BYTES: String(SIZE), ...(s3?.env ?? {}) });
  const { client } = await signedInClient(server.url, "bench");
  // Text, so that completion also runs the text extraction a model would get.
  const body = Buffer.from(randomBytes(SIZE / 2).toString("hex"));
  const rounds: { putMs: number; completeMs: number }[] = [];
  const before = process.memoryUsage().rss;
  peakRss = before;
  for (let round = 0; round < ROUNDS; round += 1) {
    const created = await client.transport.raw("/api/uploads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "big.txt", contentType: "text/plain", size: SIZE }),
    });
    const { upload } = (await created.json()) as { upload: Upload };
    const started = performance.now();
    const put = await fetch(new URL(upload.url, server.url), { method: "PUT", headers: upload.headers, body });
    if (!put.ok) throw new Error(`PUT answered ${put.status}`);
    const putDone = performance.now();
    const completed = await client.transport.raw(`/api/uploads/${upload.id}/complete`, { method: "POST" });
    if (completed.status !== 201) throw new Error(`complete answered ${completed.status}`);
    rounds.push({ putMs: putDone - started, completeMs: performance.now() - putDone });
  }
  await server.stop();
  await s3?.stop();
  await removeDir(server.dataDir);
  const best = (key: "putMs" | "completeMs") => Math.min(...rounds.map((round) => round[key]));
  const mibPerSecond = (ms: number) => (SIZE / 1024 / 1024 / (ms / 1000)).toFixed(0);
  return {
    storage,
    put: `${mibPerSecond(best("putMs"))} MiB/s (${best("putMs").toFixed(0)} ms)`,
    complete: `${best("completeMs").toFixed(0)} ms`,
    peakRssAboveStartMiB: ((peakRss - before) / 1024 / 1024).toFixed(0),
  };
}

const results = [await measure("local"), await measure("s3")];
clearInterval(sampler);
console.table(results);
