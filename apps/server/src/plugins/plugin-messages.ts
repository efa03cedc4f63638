import type { JsonSchema, PluginEvent } from "@slipstream/plugin-sdk";

/** What the host sends a plugin's worker over its message port. */
export type HostMessage =
  | {
      type: "call";
      id: number;
      tool: string;
      input: unknown;
      context: { userId: string; conversationId: string; toolCallId: string };
    }
  | { type: "abort"; id: number }
  | { type: "event"; event: PluginEvent };

/** What a plugin's worker answers. */
export type WorkerMessage =
  | { type: "loaded"; tools: { name: string; description: string; inputSchema: JsonSchema }[]; handlesEvents: boolean }
  | { type: "load-failed"; message: string }
  | { type: "result"; id: number; output: unknown }
  | { type: "failed"; id: number; message: string }
  | { type: "event-failed"; message: string };

/** What a worker starts with. */
export type PluginWorkerData = { entryUrl: string; sdkUrl: string };
