import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";

const PAGE = new URL("../../../../web/index.html", import.meta.url);

/** The web client, served at `/`. */
export function registerWebRoutes(app: FastifyInstance) {
  let page: Promise<string> | undefined;
  app.get("/", async (_request, reply) => {
    page ??= readFile(PAGE, "utf8");
    return reply
      .type("text/html; charset=utf-8")
      .header(
        "content-security-policy",
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'",
      )
      .send(await page);
  });
}
