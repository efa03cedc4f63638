import sharp from "sharp";

/** Providers refuse or shrink larger images: Anthropic past 8000 px a side and 5 MB, OpenAI scales to 2048. */
const MAX_SIDE = 2048;
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * An image a vision model accepts: within MAX_SIDE a side and MAX_BYTES, re-encoded (JPEG stays JPEG, anything
 * else becomes PNG) only when it is larger, so that small images reach the model byte for byte.
 */
export async function fitImageForModel({
  bytes,
  mediaType,
}: {
  bytes: Uint8Array;
  mediaType: string;
}): Promise<{ bytes: Uint8Array; mediaType: string }> {
  const image = sharp(bytes, { animated: false });
  const { width = 0, height = 0 } = await image.metadata();
  if (width <= MAX_SIDE && height <= MAX_SIDE && bytes.length <= MAX_BYTES) return { bytes, mediaType };
  const resized = image.rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true });
  if (mediaType === "image/jpeg") {
    return { bytes: new Uint8Array(await resized.jpeg({ quality: 85 }).toBuffer()), mediaType };
  }
  return { bytes: new Uint8Array(await resized.png({ compressionLevel: 9 }).toBuffer()), mediaType: "image/png" };
}
