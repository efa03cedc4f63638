import { randomBytes } from "node:crypto";
import type { Upload } from "@slipstream/protocol";
import sharp from "sharp";
import { startS3Server } from "../apps/server/test/s3-server.ts";
import { removeDir, signedInClient, startServer } from "../apps/server/test/support.ts";

/**
 * `npm run bench:uploads`: uploads files near the default size limit (20 MiB) through the real server, to local
 * disk and to S3 (s3rver, in this process: a floor, not a real bucket), and prints the throughput of the PUT and
 * the time of the completion (existence, size and type checks; the text extraction of a text file), and the peak
 * resident memory of the process (client, server and s3rver together) above where the round started.
 */
const SIZE = 20 * 1024 * 1024;
const ROUNDS = 3;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

/** Text, read whole at completion for the text a model gets; and a PNG of noise, of which only the start is read. */
const BODIES = {
  text: { contentType: "text/plain", bytes: Buffer.from(randomBytes(SIZE / 2).toString("hex")) },
  image: {
    contentType: "image/png",
    bytes: await sharp({
      create: {
        width: 2600,
        height: 2600,
        channels: 3,
        background: "#808080",
        noise: { type: "gaussian", mean: 128, sigma: 40 },
      },
    })
      .png({ compressionLevel: 0 })
      .toBuffer(),
  },
};

async function measure(storage: "local" | "s3", kind: keyof typeof BODIES) {
  const s3 = storage === "s3" ? await startS3Server() : undefined;
  const server = await startServer({ UPLOAD_MAX_BYTES: String(SIZE), ...(s3?.env ?? {}) });
  const { client } = await signedInClient(server.url, "bench");
  const { contentType, bytes: body } = BODIES[kind];
  const rounds: { putMs: number; completeMs: number }[] = [];
  const before = process.memoryUsage().rss;
  peakRss = before;
  for (let round = 0; round < ROUNDS; round += 1) {
    const created = await client.transport.raw("/api/uploads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `big.${kind}`, contentType, size: body.length }),
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
  const mibPerSecond = (ms: number) => (body.length / 1024 / 1024 / (ms / 1000)).toFixed(0);
  return {
    storage,
    kind,
    mib: (body.length / 1024 / 1024).toFixed(1),
    put: `${mibPerSecond(best("putMs"))} MiB/s (${best("putMs").toFixed(0)} ms)`,
    complete: `${best("completeMs").toFixed(0)} ms`,
    peakRssAboveStartMiB: ((peakRss - before) / 1024 / 1024).toFixed(0),
  };
}

const results = [];
for (const storage of ["local", "s3"] as const) {
  for (const kind of ["text", "image"] as const) results.push(await measure(storage, kind));
}
clearInterval(sampler);
console.table(results);
