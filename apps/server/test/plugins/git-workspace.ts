import * as fs from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import git from "isomorphic-git";

/** A plugin workspace for tests: a Git work tree whose files a test writes and commits, as an author would. */
export async function createGitWorkspace(dir: string) {
  await mkdir(dir, { recursive: true });
  await git.init({ fs, dir, defaultBranch: "main" });
  return {
    dir,
    /** Writes files (path → text) into the work tree, without committing them. */
    async write(files: Record<string, string>) {
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
    },
    async remove(path: string) {
      await rm(join(dir, path), { recursive: true, force: true });
    },
    /** Stages everything (new, changed and removed files) and commits it; returns the commit id. */
    async commit(message = "change") {
      const status = await git.statusMatrix({ fs, dir });
      for (const [filepath, , workdir] of status) {
        if (workdir === 0) await git.remove({ fs, dir, filepath });
        else await git.add({ fs, dir, filepath });
      }
      return git.commit({ fs, dir, message, author: { name: "Test", email: "test@example.test" } });
    },
  };
}

/** The files of a plugin named `name` whose module is `source`. */
export const pluginFiles = (name: string, source: string, manifest: Record<string, unknown> = {}) => ({
  [`${name}/plugin.json`]: JSON.stringify({ name, version: "1.0.0", main: "index.js", ...manifest }),
  [`${name}/index.js`]: source,
});
