import { z } from "zod";

/** A tool a conversation may enable, by `id`; `name` is what the model calls it. */
export const toolSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** `builtin`, `mcp:<server>` or `plugin:<name>`. */
  source: z.string().regex(/^(builtin|mcp:.+|plugin:.+)$/),
});
export type Tool = z.infer<typeof toolSchema>;

export const toolsResponseSchema = z.object({ tools: z.array(toolSchema) });
export type ToolsResponse = z.infer<typeof toolsResponseSchema>;

/** Whether a tool source works: `connecting` until its first answer, `error` (with why) while it is skipped. */
export const toolSourceStateSchema = z.enum(["connecting", "ready", "error"]);
export type ToolSourceState = z.infer<typeof toolSourceStateSchema>;

/** One server of MCP_CONFIG as administrators see it (`GET /api/admin/mcp`). */
export const mcpServerStatusSchema = z.object({
  name: z.string(),
  transport: z.enum(["stdio", "http"]),
  state: toolSourceStateSchema,
  error: z.string().nullable(),
  tools: z.array(toolSchema),
});
export type McpServerStatus = z.infer<typeof mcpServerStatusSchema>;
export const adminMcpResponseSchema = z.object({
  /** MCP_CONFIG, and what is wrong with it (the servers it last loaded keep running meanwhile). */
  config: z.object({ path: z.string().nullable(), error: z.string().nullable() }),
  servers: z.array(mcpServerStatusSchema),
});
export type AdminMcpResponse = z.infer<typeof adminMcpResponseSchema>;

/** One plugin of PLUGINS_DIR: the version loaded (or that failed), the commit it came from, and its tools. */
export const pluginStatusSchema = z.object({
  name: z.string(),
  version: z.string().nullable(),
  commit: z.string().nullable(),
  status: z.enum(["loaded", "error"]),
  error: z.string().nullable(),
  /** Whether it has a UI module, served at `/plugins/<name>/`. */
  ui: z.boolean(),
  tools: z.array(toolSchema),
});
export type PluginStatus = z.infer<typeof pluginStatusSchema>;
export const pluginsResponseSchema = z.object({
  /** What is wrong with the workspace itself, if anything (the loaded plugins keep running meanwhile). */
  error: z.string().nullable(),
  plugins: z.array(pluginStatusSchema),
});
export type PluginsResponse = z.infer<typeof pluginsResponseSchema>;
