/**
 * What a Slipstream plugin imports. A plugin is a folder with `plugin.json` `{name, version, main, ui?}` and an ES
 * module (`main`) whose default export is `definePlugin({tools, onEvent})`. It runs in a worker thread of its own:
 * no access to the server's memory, only what these types describe.
 */

/** A JSON Schema object, describing a tool's input to the model. */
export type JsonSchema = { type?: string; properties?: Record<string, unknown>; required?: string[] } & Record<
  string,
  unknown
>;

/** Who calls a tool, and from which conversation. */
export type ToolContext = {
  userId: string;
  conversationId: string;
  toolCallId: string;
  /** Aborted when the turn is cancelled or the call runs past PLUGIN_CALL_TIMEOUT_MS. */
  signal: AbortSignal;
};

/**
 * A tool the model may call. Its result is JSON the model reads; `{ui: {component, props}}` in it renders the
 * plugin's UI module's component in the message (the host fills in `plugin`).
 */
export type PluginTool<Input = Record<string, unknown>> = {
  description: string;
  inputSchema: JsonSchema;
  execute(input: Input, context: ToolContext): unknown | Promise<unknown>;
};

/** A domain event of a conversation (`message.created`, `conversation.renamed`, …), as the server wrote it. */
export type PluginEvent = {
  type: string;
  conversationId: string;
  version: number;
  event: Record<string, unknown>;
};

export type PluginDefinition = {
  /** By name, as the model sees them (`<plugin>__<name>`): letters, digits, `_` and `-`. */
  tools?: Record<string, PluginTool<never>>;
  /** Called for every domain event; what it throws is logged and does not stop the next one. */
  onEvent?(event: PluginEvent): void | Promise<void>;
};

/**
 * Declares a plugin: its tools and its event handler.
 * @example export default definePlugin({ tools: { hello: { description: "Greets", inputSchema: { type: "object" }, execute: () => "hi" } } });
 */
export function definePlugin<const Definition extends PluginDefinition>(definition: Definition): Definition {
  return definition;
}
