import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/**
 * Plugins' UI modules: `/plugins/<name>/` is the `ui` entry of the loaded version, `/plugins/<name>/<path>` the
 * files beside it (its own imports). Not cached: a commit may change them; the app asks with `?v=<version>`.
 */
export function registerPluginModuleRoutes(app: FastifyInstance, { toolSources }: HttpContext) {
  app.get<{ Params: { name: string; "*": string } }>("/plugins/:name/*", async (request, reply) => {
    const { name, "*": path } = request.params;
    const file = toolSources.pluginUiFile({ name, path });
    const type = file && CONTENT_TYPES[extname(file)];
    if (!file || !type) return reply.callNotFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return reply.callNotFound();
      throw error;
    }
    return reply.type(type).header("cache-control", "no-cache").header("x-content-type-options", "nosniff").send(body);
  });
}
