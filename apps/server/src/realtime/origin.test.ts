import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin.ts";

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

describe("isAllowedOrigin", () => {
  it("accepts the server's own origin, PUBLIC_URL's origin and CORS_ORIGINS, exactly", () => {
    const options = { publicUrl: "https://chat.example.test/app", corsOrigins: ["https://desktop.example.test"] };
    const host = { host: "10.0.0.5:3000" };
    expect(isAllowedOrigin(request({ ...host, origin: "http://10.0.0.5:3000" }), options)).toBe(true);
    expect(isAllowedOrigin(request({ ...host, origin: "https://10.0.0.5:3000" }, true), options)).toBe(true);
    expect(isAllowedOrigin(request({ ...host, origin: "https://chat.example.test" }), options)).toBe(true);
    expect(isAllowedOrigin(request({ ...host, origin: "https://desktop.example.test" }), options)).toBe(true);
  });

  it("refuses missing, null, look-alike and scheme-swapped origins", () => {
    const options = { publicUrl: "https://chat.example.test", corsOrigins: [] };
    const host = { host: "chat.example.test" };
    for (const origin of [
      undefined,
      "null",
      "https://chat.example.test.evil.test",
      "http://chat.example.test.",
      "https://10.0.0.5",
    ]) {
      const headers = origin === undefined ? host : { ...host, origin };
      expect(isAllowedOrigin(request(headers), options)).toBe(false);
    }
    expect(isAllowedOrigin(request({ ...host, origin: "https://chat.example.test" }), options)).toBe(true);
    expect(isAllowedOrigin(request({ ...host, origin: "http://chat.example.test" }, true), options)).toBe(false);
  });
});
