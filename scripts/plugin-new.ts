import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigOrExit } from "../apps/server/src/config.ts";
import { pluginManifestSchema } from "../apps/server/src/plugins/plugin-manifest.ts";

/**
 * `npm run plugin:new <name>`: a plugin folder in PLUGINS_DIR with its manifest, a module with one tool, and a test
 * (`node --test <folder>/index.test.ts`). Commit it to load it (PLUGINS_RELOAD=commit).
 */
async function main() {
  const name = process.argv[2] ?? "";
  const parsed = pluginManifestSchema.shape.name.safeParse(name);
  if (!parsed.success) {
    console.error(`Usage: npm run plugin:new <name>   (name: ${parsed.error.issues[0]?.message})`);
    process.exit(1);
  }
  const { dir } = loadConfigOrExit(process.env).plugins;
  const folder = join(dir, name);
  if (
    await stat(folder).then(
      () => true,
      () => false,
    )
  ) {
    console.error(`${folder} already exists.`);
    process.exit(1);
  }
  await mkdir(folder, { recursive: true });
  const manifest = { name, version: "0.1.0", main: "index.ts" };
  await writeFile(join(folder, "plugin.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ["index.ts", "index.test.ts"]) {
    const template = await readFile(new URL(`./plugin-template/${file}.txt`, import.meta.url), "utf8");
    await writeFile(join(folder, file), template.replaceAll("__NAME__", name));
  }
  console.log(`Created ${folder}. Test it: node --test ${join(folder, "index.test.ts")}`);
  console.log(`Load it: commit it in ${dir} (git add ${name} && git commit -m "Add ${name}").`);
}

await main();
