import type { JSONSchema7 } from "ai";
import type { Principal } from "../identity/principal.ts";

/** Where a tool comes from: built in, an MCP server, or a plugin. */
export type ToolSource = "builtin" | `mcp:${string}` | `plugin:${string}`;

/** A tool as users and models see it. `id` is stable (a conversation's `tools` lists ids). */
export type ToolDescriptor = {
  /** Unique across sources, e.g. `run_code`, `mcp:github:search_issues`, `plugin:weather:forecast`. */
  id: string;
  /** What the model calls it: letters, digits, `_` and `-`, at most 64 characters, unique in one turn. */
  name: string;
  description: string;
  source: ToolSource;
  /** The JSON Schema of its input. */
  inputSchema: JSONSchema7;
};

/** Who calls a tool, from where, and when to give up. */
export type ToolCallContext = {
  principal: Principal;
  conversationId: string;
  toolCallId: string;
  signal: AbortSignal;
};

/** A source of tools (the built-ins, one MCP server, one plugin), registered with the tool registry. */
export interface ToolProvider {
  readonly source: ToolSource;
  /** Its tools now; a provider that is down lists none (and says so in `status`). */
  list(): Promise<ToolDescriptor[]>;
  /** Runs one call; the result is JSON the model reads. Throws with a readable message on failure. */
  execute(input: { tool: ToolDescriptor; input: unknown; context: ToolCallContext }): Promise<unknown>;
  /** For the admin views: whether it works, and why not. */
  status(): { state: "connecting" | "ready" | "error"; error: string | null };
}
