import { z } from "zod";

/** A plugin's `plugin.json`. Its name prefixes its tools (`<name>__<tool>`) and its UI's path (`/plugins/<name>/`). */
export const pluginManifestSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/, "1 to 24 lowercase letters, digits or '-'"),
  version: z.string().min(1).max(40),
  main: z.string().min(1).max(200),
  ui: z.string().min(1).max(200).optional(),
});
export type PluginManifest = z.infer<typeof pluginManifestSchema>;

/** The manifest in `text`, or an error naming what is wrong with it. */
export function parsePluginManifest(text: string): PluginManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`plugin.json is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = pluginManifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`plugin.json is not valid: ${z.prettifyError(parsed.error)}`);
  for (const path of [parsed.data.main, parsed.data.ui]) {
    if (path !== undefined && (path.startsWith("/") || path.split("/").includes(".."))) {
      throw new Error(`plugin.json: ${path} must stay inside the plugin's folder`);
    }
  }
  return parsed.data;
}
