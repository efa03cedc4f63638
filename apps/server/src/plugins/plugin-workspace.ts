import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import git from "isomorphic-git";

/** One plugin folder as the workspace holds it now; `key` changes whenever anything in the folder does. */
export type PluginFolder = { folder: string; key: string };
export type WorkspaceScan = { commit: string | null; plugins: PluginFolder[] };

/** Where plugins are read from: the committed tree of a Git work tree, or (in development) its files as they are. */
export interface PluginWorkspace {
  scan(): Promise<WorkspaceScan>;
  /** A directory holding the folder's files at `key`, which stays as it is while that version runs. */
  materialize(folder: PluginFolder): Promise<string>;
}

/**
 * The plugins of PLUGINS_DIR's HEAD commit, read with isomorphic-git: a folder's key is its tree's id, so a commit
 * that leaves a folder alone does not reload it, and uncommitted edits change nothing. Each version is exported
 * once into `cacheDir/<folder>-<tree id>`.
 */
export function createCommittedWorkspace({ dir, cacheDir }: { dir: string; cacheDir: string }): PluginWorkspace {
  let head: string | null = null;
  async function exportTree(treeOid: string, into: string) {
    await mkdir(into, { recursive: true });
    const { tree } = await git.readTree({ fs, dir, oid: treeOid });
    for (const entry of tree) {
      const target = join(into, entry.path);
      if (entry.type === "tree") await exportTree(entry.oid, target);
      else if (entry.type === "blob") {
        const { blob } = await git.readBlob({ fs, dir, oid: entry.oid });
        await writeFile(target, blob);
      }
    }
  }
  return {
    async scan() {
      try {
        head = await git.resolveRef({ fs, dir, ref: "HEAD" });
      } catch (error) {
        if ((error as { code?: string }).code === "NotFoundError") return { commit: null, plugins: [] };
        throw error;
      }
      const { tree } = await git.readTree({ fs, dir, oid: head });
      const folders = tree.filter((entry) => entry.type === "tree" && !entry.path.startsWith("."));
      const plugins: PluginFolder[] = [];
      for (const folder of folders) {
        const { tree: files } = await git.readTree({ fs, dir, oid: folder.oid });
        if (files.some((file) => file.path === "plugin.json" && file.type === "blob")) {
          plugins.push({ folder: folder.path, key: folder.oid });
        }
      }
      return { commit: head, plugins };
    },
    async materialize({ folder, key }) {
      const target = join(cacheDir, `${folder}-${key}`);
      if (await exists(target)) return target;
      // Exported beside, then renamed: a crash halfway never leaves a partial version that looks complete.
      const partial = `${target}.partial-${process.pid}`;
      await rm(partial, { recursive: true, force: true });
      await exportTree(key, partial);
      await rename(partial, target);
      return target;
    },
  };
}

/** The plugins of PLUGINS_DIR's files as they are (PLUGINS_RELOAD=files): a folder's key hashes its files. */
export function createFilesWorkspace({ dir }: { dir: string }): PluginWorkspace {
  async function hashFolder(path: string, hash = createHash("sha256")): Promise<ReturnType<typeof createHash>> {
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = join(path, entry.name);
      hash.update(`${entry.name}\0`);
      if (entry.isDirectory()) await hashFolder(full, hash);
      else if (entry.isFile()) hash.update(await readFile(full));
    }
    return hash;
  }
  return {
    async scan() {
      if (!(await exists(dir))) return { commit: null, plugins: [] };
      const entries = await readdir(dir, { withFileTypes: true });
      const plugins: PluginFolder[] = [];
      for (const entry of entries) {
        if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
        if (!(await exists(join(dir, entry.name, "plugin.json")))) continue;
        plugins.push({ folder: entry.name, key: (await hashFolder(join(dir, entry.name))).digest("hex").slice(0, 16) });
      }
      return { commit: null, plugins };
    },
    materialize: async ({ folder }) => join(dir, folder),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
