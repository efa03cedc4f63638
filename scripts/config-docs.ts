import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderConfigurationReference } from "../apps/server/src/config-reference.ts";

// `npm run docs:config`: regenerates docs/configuration.md from the config schema and its descriptions.
const target = fileURLToPath(new URL("../docs/configuration.md", import.meta.url));
await writeFile(target, renderConfigurationReference());
console.log(`wrote ${target}`);
