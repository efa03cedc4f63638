import { describe, expect, it } from "vitest";
import { createUploadUrlSigner } from "./upload-urls.ts";

const signer = createUploadUrlSigner({ secret: "a session secret of enough length for the tests" });
const parse = (url: string) => {
  const query = new URL(url, "http://server").searchParams;
  return { expires: Number(query.get("expires")), signature: query.get("signature") ?? "" };
};

describe("upload URL signatures", () => {
  const expiresAt = new Date("2030-01-01T00:10:00Z");
  const url = signer.url({ id: "file-1", expiresAt });

  it("are valid until their expiry, then expired", () => {
    const { expires, signature } = parse(url);
    expect(url).toMatch(/^\/api\/uploads\/file-1\/content\?expires=\d+&signature=/);
    expect(signer.check({ id: "file-1", expires, signature, now: new Date("2030-01-01T00:09:59Z") })).toBe("valid");
    expect(signer.check({ id: "file-1", expires, signature, now: new Date("2030-01-01T00:10:01Z") })).toBe("expired");
  });

  it("are forged for another id, a pushed-back expiry, or another secret", () => {
    const { expires, signature } = parse(url);
    const now = new Date("2030-01-01T00:00:00Z");
    expect(signer.check({ id: "file-2", expires, signature, now })).toBe("forged");
    expect(signer.check({ id: "file-1", expires: expires + 3600, signature, now })).toBe("forged");
    const other = createUploadUrlSigner({ secret: "another secret, another key entirely, for tests" });
    expect(other.check({ id: "file-1", expires, signature, now })).toBe("forged");
  });
});
