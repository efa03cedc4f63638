import { Readable, Transform } from "node:stream";
import { BlobTooLargeError } from "./types.ts";

/** A stream of `body` that fails with BlobTooLargeError as soon as more than `maxBytes` have passed. */
export function limitBytes(body: Readable | Uint8Array, maxBytes: number | undefined): Readable {
  const source = body instanceof Uint8Array ? Readable.from([body]) : body;
  if (maxBytes === undefined) return source;
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new BlobTooLargeError(maxBytes));
      else done(null, chunk);
    },
  });
  source.on("error", (error) => limited.destroy(error));
  return source.pipe(limited);
}
