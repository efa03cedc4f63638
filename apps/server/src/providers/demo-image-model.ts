import { createHash } from "node:crypto";
import type { ImageModelV4 } from "@ai-sdk/provider";
import sharp from "sharp";

/** Said beside every demo image, so nobody takes the pattern for a real model's picture. */
export const DEMO_IMAGE_NOTICE =
  "This is Slipstream's offline demo image model (demo/image): no image provider is used, so it draws a pattern " +
  "from the words of your prompt. The same prompt always draws the same pattern.";

/** The pattern is a symmetric grid of CELLS × CELLS squares, drawn at SIZE × SIZE pixels. */
const CELLS = 8;
const SIZE = 256;

type Rgb = [number, number, number];

/** A colour of the given hue (0–360) at a fixed saturation and the given lightness (0–1). */
function hsl(hue: number, lightness: number): Rgb {
  const saturation = 0.65;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const [r, g, b] =
    hue < 60
      ? [chroma, x, 0]
      : hue < 120
        ? [x, chroma, 0]
        : hue < 180
          ? [0, chroma, x]
          : hue < 240
            ? [0, x, chroma]
            : hue < 300
              ? [x, 0, chroma]
              : [chroma, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/**
 * The demo's picture of a prompt, as PNG bytes: a mirrored grid of squares in two colours, both chosen by the
 * prompt's SHA-256, so that the same prompt always draws the same picture and another prompt another one.
 */
export async function drawDemoImage(prompt: string): Promise<Uint8Array> {
  const digest = createHash("sha256").update(prompt.trim()).digest();
  const hue = digest.readUInt16BE(0) % 360;
  const background = hsl(hue, 0.92);
  const foreground = hsl((hue + 150) % 360, 0.42);
  const half = CELLS / 2;
  // Each bit of the digest fills one cell of the left half; the right half mirrors it.
  const filled = (row: number, column: number) => {
    const mirrored = column < half ? column : CELLS - 1 - column;
    const bit = row * half + mirrored;
    return ((digest[2 + Math.floor(bit / 8)] ?? 0) >> (bit % 8)) & 1;
  };
  const cell = SIZE / CELLS;
  const pixels = Buffer.alloc(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const colour = filled(Math.floor(y / cell), Math.floor(x / cell)) ? foreground : background;
      pixels.set(colour, (y * SIZE + x) * 3);
    }
  }
  const png = await sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

/** The built-in offline `demo/image` model: an AI SDK image model that needs no network. */
export function createDemoImageModel(): ImageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "demo",
    modelId: "image",
    maxImagesPerCall: 1,

    async doGenerate({ prompt, n, abortSignal }) {
      abortSignal?.throwIfAborted();
      const image = await drawDemoImage(prompt ?? "");
      return {
        images: Array.from({ length: n }, () => image),
        warnings: [],
        response: { timestamp: new Date(), modelId: "image", headers: undefined },
      };
    },
  };
}
