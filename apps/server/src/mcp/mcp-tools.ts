import type { ToolDescriptor } from "../tools/types.ts";

type ListedTool = { name: string; description?: string; inputSchema: Record<string, unknown> };
type CallResult = {
  content?: { type: string; text?: string }[];
  structuredContent?: unknown;
  isError?: boolean;
  toolResult?: unknown;
};

const MAX_NAME = 64;

/** What the model calls an MCP tool: `<server>__<tool>`, in the characters and length providers accept. */
export const modelToolName = (server: string, tool: string) =>
  `${server}__${tool.replace(/[^A-Za-z0-9_-]/g, "_")}`.slice(0, MAX_NAME);

/** The registry's descriptors of a server's listed tools; `mcpName` keeps the name the server knows. */
export function describeMcpTools(server: string, tools: ListedTool[]): (ToolDescriptor & { mcpName: string })[] {
  return tools.map((tool) => ({
    id: `mcp:${server}:${tool.name}`,
    name: modelToolName(server, tool.name),
    description: tool.description ?? tool.name,
    source: `mcp:${server}`,
    inputSchema: { type: "object", ...tool.inputSchema } as ToolDescriptor["inputSchema"],
    mcpName: tool.name,
  }));
}

/**
 * A call's result as the model reads it: the structured content when there is some, else the text (several
 * blocks joined), else the content blocks as they came. A result flagged `isError` throws its text, so that the
 * call shows as a failed tool call.
 */
export function readMcpResult(result: CallResult): unknown {
  const blocks = result.content ?? [];
  const text = blocks.every((block) => block.type === "text")
    ? blocks.map((block) => block.text ?? "").join("\n")
    : undefined;
  if (result.isError) throw new Error(text || "The MCP tool failed without saying why.");
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (result.toolResult !== undefined) return result.toolResult;
  return text ?? blocks;
}
