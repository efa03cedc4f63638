import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const DIST = join(import.meta.dirname, "..", "dist");
/** The budget for the JavaScript a first visit downloads, gzipped. */
const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

describe("the built web app", () => {
  it(`loads under ${INITIAL_JS_BUDGET_BYTES / 1024} KiB of gzipped JavaScript at first`, async () => {
    const page = await readFile(join(DIST, "index.html"), "utf8");
    const scripts = [...page.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)];
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const [, src = ""] of scripts) {
      const gzipped = gzipSync(await readFile(join(DIST, src))).length;
      console.log(`${src}: ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
      total += gzipped;
    }
    console.log(
      `initial JavaScript: ${(total / 1024).toFixed(1)} KiB gzipped (budget ${INITIAL_JS_BUDGET_BYTES / 1024} KiB)`,
    );
    expect(total).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
  });

  it("has no inline script, so the strict CSP holds", async () => {
    const page = await readFile(join(DIST, "index.html"), "utf8");
    for (const [tag] of page.matchAll(/<script\b[^>]*>/g)) expect(tag).toMatch(/\ssrc="/);
    expect(page).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(page).not.toMatch(/\son[a-z]+="/);
  });
});
