import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The vendor entries of the web build (see apps/web/vite.config.ts), by the bare specifier plugins import. */
const VENDOR_ENTRIES: Record<string, string> = {
  react: "src/plugin-ui/vendor-react.ts",
  "react-dom": "src/plugin-ui/vendor-react-dom.ts",
  "react-dom/client": "src/plugin-ui/vendor-react-dom.ts",
  "react/jsx-runtime": "src/plugin-ui/vendor-jsx-runtime.ts",
  "@slipstream/plugin-ui": "src/plugin-ui/index.tsx",
};

export type ImportMap = { imports: Record<string, string> };

/**
 * The import map that points plugin UI modules' bare imports at the app's own React, read from Vite's manifest of
 * the build; undefined for a build without one.
 */
export async function readImportMap(distDir: string): Promise<ImportMap | undefined> {
  let manifest: Record<string, { file: string }>;
  try {
    manifest = JSON.parse(await readFile(join(distDir, ".vite", "manifest.json"), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const imports: Record<string, string> = {};
  for (const [specifier, entry] of Object.entries(VENDOR_ENTRIES)) {
    const file = manifest[entry]?.file;
    if (file) imports[specifier] = `/${file}`;
  }
  return { imports };
}

/** The page with the import map inlined first in its head, under the CSP nonce of this response. */
export function withImportMap(page: string, map: ImportMap, nonce: string): string {
  // `<` escaped, so that no value can close the script element.
  const json = JSON.stringify(map).replaceAll("<", "\\u003c");
  const tag = `<script type="importmap" nonce="${nonce}">${json}</script>`;
  return page.includes("<head>") ? page.replace("<head>", `<head>${tag}`) : `${tag}${page}`;
}
