import type { PluginsResponse, ToolsResponse } from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import type { HttpContext } from "../context.ts";

export function registerToolRoutes(app: FastifyInstance, { tools, principals, toolSources }: HttpContext) {
  app.get("/api/tools", async (request): Promise<ToolsResponse> => {
    await principals.require(request);
    const list = await tools.list();
    return { tools: list.map(({ id, name, description, source }) => ({ id, name, description, source })) };
  });

  app.get("/api/plugins", async (request): Promise<PluginsResponse> => {
    const principal = await principals.require(request);
    return toolSources.listPlugins({ principal });
  });
}
