import type { ChildProcess } from "node:child_process";

/**
 * Everything the run must undo (child processes, temporary databases and directories), undone in reverse order
 * on success, on failure and on Ctrl-C. Children still alive when the runner exits are killed synchronously.
 */
const tasks: { name: string; undo: () => Promise<void> }[] = [];
const children = new Set<ChildProcess>();

export function onCleanup(name: string, undo: () => Promise<void>) {
  tasks.push({ name, undo });
}

export function trackChild(child: ChildProcess) {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

export async function cleanupAll() {
  for (const task of tasks.splice(0).reverse()) {
    await task.undo().catch((error: unknown) => console.error(`cleanup of ${task.name} failed:`, error));
  }
}

process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping children and removing temporary data…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}
