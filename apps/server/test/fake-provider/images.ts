import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { parseScenario } from "./scenario.ts";
import type { JsonObject } from "./wire.ts";

/** The side of every image the fake makes, in pixels. */
export const FAKE_IMAGE_SIZE = 16;

/** A PNG of one colour, chosen by the prompt: tests tell two prompts' images apart, and the same prompt's alike. */
export async function fakeImage(prompt: string): Promise<Buffer> {
  const [r = 0, g = 0, b = 0] = createHash("sha256").update(prompt).digest();
  return sharp({ create: { width: FAKE_IMAGE_SIZE, height: FAKE_IMAGE_SIZE, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();
}

/**
 * OpenAI's `POST /v1/images/generations`: `n` images of the prompt as `b64_json`, with usage as gpt-image-1 reports
 * it. The prompt's `[[status:<code>]]` answers that status with OpenAI's error body instead; `[[slow:<ms>]]` waits
 * that long first, as a real model drawing would.
 */
export async function generateImages(
  body: JsonObject,
  errorBody: (status: number) => JsonObject,
): Promise<{ status: number; body: JsonObject }> {
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  const { status, slowMs } = parseScenario(prompt);
  if (slowMs > 0) await sleep(slowMs);
  if (status !== undefined) return { status, body: errorBody(status) };
  const n = typeof body.n === "number" ? body.n : 1;
  const b64 = (await fakeImage(prompt)).toString("base64");
  const words = prompt.split(/\s+/).filter(Boolean).length;
  return {
    status: 200,
    body: {
      created: Math.floor(Date.now() / 1000),
      data: Array.from({ length: n }, () => ({ b64_json: b64 })),
      usage: {
        input_tokens: words,
        output_tokens: 272,
        total_tokens: words + 272,
        input_tokens_details: { text_tokens: words, image_tokens: 0 },
      },
    },
  };
}
