import { describe, expect, it } from "vitest";
import { makePdf, makePng } from "../../test/file-fixtures.ts";
import { kindOfType, sniffContentType } from "./sniff.ts";

const text = (value: string) => new TextEncoder().encode(value);

describe("sniffContentType", () => {
  it("knows images and PDFs by their signatures, whatever was declared", async () => {
    expect(await sniffContentType({ head: await makePng(), declared: "text/plain" })).toEqual({
      contentType: "image/png",
      kind: "image",
    });
    expect(await sniffContentType({ head: makePdf("hi"), declared: "image/png" })).toEqual({
      contentType: "application/pdf",
      kind: "pdf",
    });
  });

  it("keeps the declared text type for text, and calls HTML under an image's name text", async () => {
    expect(await sniffContentType({ head: text("a,b\n1,2"), declared: "text/csv" })).toEqual({
      contentType: "text/csv",
      kind: "text",
    });
    expect(await sniffContentType({ head: text("<html><script>x</script>"), declared: "image/png" })).toEqual({
      contentType: "text/plain",
      kind: "text",
    });
  });

  it("refuses binaries outside the allowlist, and bytes that are neither text nor a known type", async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await sniffContentType({ head: zip, declared: "text/plain" })).toBeUndefined();
    expect(
      await sniffContentType({ head: Uint8Array.from([0, 159, 146, 150]), declared: "text/plain" }),
    ).toBeUndefined();
  });
});

describe("kindOfType", () => {
  it("takes the allowlist only: never HTML or SVG", () => {
    expect(kindOfType("image/webp")).toBe("image");
    expect(kindOfType("application/pdf")).toBe("pdf");
    expect(kindOfType("text/x-python")).toBe("text");
    expect(kindOfType("text/html")).toBeUndefined();
    expect(kindOfType("image/svg+xml")).toBeUndefined();
  });
});
