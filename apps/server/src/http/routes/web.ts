import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import { readImportMap, withImportMap } from "./import-map.ts";

const DEFAULT_DIST_DIR = fileURLToPath(new URL("../../../../web/dist/", import.meta.url));

/**
 * Strict: the built app has no inline script or style, and talks only to this origin (HTTP and WebSocket), and to
 * the S3 storage it uploads to and shows images from, when files live there. `blob:` images are previews of
 * files the user is attaching, made in the page itself. The one inline script is the import map of plugin UI
 * modules, allowed by this response's nonce.
 */
export function webContentSecurityPolicy({ nonce, storageOrigin }: { nonce: string; storageOrigin?: string }): string {
  const storage = storageOrigin ? ` ${storageOrigin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    `img-src 'self' data: blob:${storage}`,
    `connect-src 'self'${storage}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".map": "application/json",
};

/** Vite writes every asset flat into `assets/` with a content hash in its name. */
const ASSET_NAME = /^[\w-][\w.-]*$/;
/** The paths the app routes itself; a reload or a shared link on them gets the app. */
const CLIENT_ROUTES = [
  "/",
  "/c/:conversationId",
  "/settings",
  "/settings/:section",
  "/admin",
  "/admin/:section",
  // The share page's "Continue this conversation": the app copies the link's conversation, signing in first if need be.
  "/s/:shareId/continue",
];

const notBuilt = (reply: FastifyReply) =>
  reply
    .status(503)
    .type("text/plain; charset=utf-8")
    .send("The web app is not built yet: run `npm run build`, then reload.");

/**
 * The web app built by Vite (`apps/web/dist`): `index.html` for the app's own routes, never cached so
 * that a new build is picked up, and hashed assets cached for a year.
 */
export function registerWebRoutes(
  app: FastifyInstance,
  { distDir = DEFAULT_DIST_DIR, storageOrigin }: { distDir?: string; storageOrigin?: string } = {},
) {
  const assets = new Map<string, Promise<Buffer>>();

  async function sendPage(reply: FastifyReply) {
    let page: string;
    try {
      page = await readFile(join(distDir, "index.html"), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return notBuilt(reply);
      throw error;
    }
    const nonce = randomBytes(16).toString("base64");
    const map = await readImportMap(distDir);
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("content-security-policy", webContentSecurityPolicy({ nonce, storageOrigin }))
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "same-origin")
      .send(map ? withImportMap(page, map, nonce) : page);
  }

  for (const path of CLIENT_ROUTES) app.get(path, (_request, reply) => sendPage(reply));

  app.get("/plugins/importmap.json", async (_request, reply) => {
    const map = await readImportMap(distDir);
    if (!map) return notBuilt(reply);
    return reply.header("cache-control", "no-cache").send(map);
  });

  app.get<{ Params: { name: string } }>("/assets/:name", async (request, reply) => {
    const { name } = request.params;
    const type = CONTENT_TYPES[extname(name)];
    if (!ASSET_NAME.test(name) || !type) return reply.callNotFound();
    let file = assets.get(name);
    if (!file) {
      file = readFile(join(distDir, "assets", name));
      assets.set(name, file);
    }
    try {
      const body = await file;
      return reply
        .type(type)
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("x-content-type-options", "nosniff")
        .send(body);
    } catch (error) {
      assets.delete(name);
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return reply.callNotFound();
      throw error;
    }
  });
}
