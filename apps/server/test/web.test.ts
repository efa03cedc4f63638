import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWebRoutes } from "../src/http/routes/web.ts";

const PAGE = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head></html>';
const MANIFEST = {
  "index.html": { file: "assets/index-abc123.js" },
  "src/plugin-ui/vendor-react.ts": { file: "assets/vendor-react-r1.js" },
  "src/plugin-ui/vendor-react-dom.ts": { file: "assets/vendor-react-dom-d1.js" },
  "src/plugin-ui/vendor-jsx-runtime.ts": { file: "assets/vendor-jsx-runtime-j1.js" },
  "src/plugin-ui/index.tsx": { file: "assets/plugin-ui-p1.js" },
};
const IMPORT_MAP = {
  imports: {
    react: "/assets/vendor-react-r1.js",
    "react-dom": "/assets/vendor-react-dom-d1.js",
    "react-dom/client": "/assets/vendor-react-dom-d1.js",
    "react/jsx-runtime": "/assets/vendor-jsx-runtime-j1.js",
    "@slipstream/plugin-ui": "/assets/plugin-ui-p1.js",
  },
};

describe("web app routes", () => {
  let dist: string;
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), "slipstream-web-"));
    await mkdir(join(dist, "assets"));
    await writeFile(join(dist, "index.html"), PAGE);
    await writeFile(join(dist, "assets", "index-abc123.js"), "console.log('app')");
    await writeFile(join(dist, "assets", "index-abc123.css"), "body{}");
    await writeFile(join(dist, "secret.txt"), "not an asset");
    await mkdir(join(dist, ".vite"));
    await writeFile(join(dist, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
    app = Fastify();
    registerWebRoutes(app, { distDir: dist });
    unbuilt = Fastify();
    registerWebRoutes(unbuilt, { distDir: join(dist, "missing") });
  });

  afterAll(async () => {
    await Promise.all([app.close(), unbuilt.close()]);
    await rm(dist, { recursive: true, force: true });
  });

  it("serves index.html at / and on the app's own routes, uncached, with a strict CSP", async () => {
    const nonces = new Set<string>();
    for (const url of ["/", "/c/0196f3a0-1234"]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.headers["cache-control"]).toBe("no-cache");
      const csp = String(response.headers["content-security-policy"]);
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})';/.exec(csp)?.[1] ?? "";
      expect(csp).not.toContain("unsafe-inline");
      nonces.add(nonce);
      // The import map of plugin UI modules comes first, under this response's nonce; the page is otherwise as built.
      const tag = `<script type="importmap" nonce="${nonce}">${JSON.stringify(IMPORT_MAP)}</script>`;
      expect(response.body).toBe(PAGE.replace("<head>", `<head>${tag}`));
    }
    expect(nonces.size).toBe(2);
  });

  it("publishes the import map that points plugin modules at the app's own React", async () => {
    const response = await app.inject({ url: "/plugins/importmap.json" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(IMPORT_MAP);
  });

  it("serves hashed assets with their type and a year-long immutable cache", async () => {
    const script = await app.inject({ url: "/assets/index-abc123.js" });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe("console.log('app')");
    expect(script.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const style = await app.inject({ url: "/assets/index-abc123.css" });
    expect(style.headers["content-type"]).toMatch(/^text\/css/);
  });

  it("answers 404 for missing assets, other files and paths that climb out of the assets folder", async () => {
    for (const url of [
      "/assets/nope-123.js",
      "/assets/..%2Fsecret.txt",
      "/assets/%2E%2E%2Findex.html",
      "/assets/.hidden.js",
      "/secret.txt",
      "/c/a/b",
    ]) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it("says how to build the app when it is not built", async () => {
    const response = await unbuilt.inject({ url: "/" });
    expect(response.statusCode).toBe(503);
    expect(response.body).toMatch(/npm run build/);
  });
});
