import { generateImage } from "ai";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createDemoImageModel, drawDemoImage } from "./demo-image-model.ts";

/** How many distinct colours the picture has, read back from its PNG. */
async function coloursOf(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const seen = new Set<string>();
  for (let i = 0; i < data.length; i += info.channels) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
  return seen.size;
}

describe("the demo image model", () => {
  it("draws a 256 px PNG in two colours, through the AI SDK's generateImage", async () => {
    const { image } = await generateImage({ model: createDemoImageModel(), prompt: "a lighthouse at dusk" });
    expect(image.mediaType).toBe("image/png");
    const { format, width, height } = await sharp(image.uint8Array).metadata();
    expect({ format, width, height }).toEqual({ format: "png", width: 256, height: 256 });
    expect(await coloursOf(image.uint8Array)).toBe(2);
  });

  it("draws the same picture for the same prompt and another for another prompt", async () => {
    const fox = Buffer.from(await drawDemoImage("a fox"));
    expect(fox.equals(Buffer.from(await drawDemoImage("a fox")))).toBe(true);
    expect(fox.equals(Buffer.from(await drawDemoImage("an owl")))).toBe(false);
  });

  it("mirrors its pattern left to right", async () => {
    const { data, info } = await sharp(await drawDemoImage("symmetry"))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3);
    for (const y of [0, 40, 130, 255]) {
      for (const x of [0, 33, 100, 127]) expect(pixel(x, y)).toEqual(pixel(info.width - 1 - x, y));
    }
  });

  it("stops before drawing when the call is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(
      generateImage({ model: createDemoImageModel(), prompt: "x", abortSignal: controller.signal, maxRetries: 0 }),
    ).rejects.toThrow();
  });
});
