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
