import { jsonSchema, type ToolSet, tool } from "ai";
import type { Principal } from "../identity/principal.ts";
import type { ToolDescriptor, ToolProvider } from "./types.ts";

/**
 * Every tool the server knows, from every registered provider, and the AI SDK tool set a turn gets from the ids a
 * conversation enabled. Providers come and go at run time (MCP servers reloaded, plugins committed).
 */
export function createToolRegistry() {
  const providers = new Set<ToolProvider>();

  async function listWithProviders() {
    const lists = await Promise.all(
      [...providers].map(async (provider) => {
        // One provider failing to list must not hide the others' tools.
        const tools = await provider.list().catch(() => [] as ToolDescriptor[]);
        return tools.map((descriptor) => ({ descriptor, provider }));
      }),
    );
    return lists.flat();
  }

  return {
    /** Adds a provider; the returned function removes it again. */
    register(provider: ToolProvider): () => void {
      providers.add(provider);
      return () => providers.delete(provider);
    },

    async list(): Promise<ToolDescriptor[]> {
      return (await listWithProviders()).map(({ descriptor }) => descriptor);
    },

    /** The providers, for their status. */
    providers: () => [...providers],

    /** The tools with these ids, ready for `streamText({ tools })`; unknown ids are left out. */
    async toolSet({
      ids,
      principal,
      conversationId,
    }: {
      ids: readonly string[];
      principal: Principal;
      conversationId: string;
    }): Promise<ToolSet> {
      if (ids.length === 0) return {};
      const wanted = new Set(ids);
      const entries = (await listWithProviders()).filter(({ descriptor }) => wanted.has(descriptor.id));
      return Object.fromEntries(
        entries.map(({ descriptor, provider }) => [
          descriptor.name,
          tool({
            description: descriptor.description,
            inputSchema: jsonSchema(descriptor.inputSchema),
            execute: (input, { toolCallId, abortSignal }) =>
              provider.execute({
                tool: descriptor,
                input,
                context: {
                  principal,
                  conversationId,
                  toolCallId,
                  signal: abortSignal ?? new AbortController().signal,
                },
              }),
          }),
        ]),
      );
    },
  };
}
export type ToolRegistry = ReturnType<typeof createToolRegistry>;
