import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, signedInClient, startServer, type TestServer } from "../../test/support.ts";

let plain: TestServer;
let https: TestServer;
beforeAll(async () => {
  [plain, https] = await Promise.all([startServer(), startServer({ PUBLIC_URL: "https://chat.example.test" })]);
});
afterAll(async () => {
  for (const server of [plain, https]) {
    await server.stop();
    await removeDir(server.dataDir);
  }
});

describe("security headers", () => {
  it("sends nosniff everywhere and no-store on API answers, errors included", async () => {
    const { client } = await signedInClient(plain.url);
    const cookie = client.transport.cookieHeader();
    for (const path of ["/api/auth/session", "/api/conversations", "/api/nothing-here"]) {
      const response = await fetch(new URL(path, plain.url), { headers: { cookie } });
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
    const page = await fetch(new URL("/", plain.url));
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  it("sends HSTS when PUBLIC_URL is https", async () => {
    const response = await fetch(new URL("/api/auth/providers", https.url));
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });
});
