import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const FILE = "keys-master-key";

/**
 * The configured KEYS_MASTER_KEY, or one generated once into DATA_DIR (as base64 of 32 random bytes) so that an
 * embedded install keeps its users' keys readable across restarts. Production refuses to start without a
 * configured one (see config.ts): a generated key would live beside the database it protects.
 */
export async function resolveMasterKey({ configured, dataDir }: { configured?: Buffer; dataDir: string }) {
  if (configured) return configured;
  const file = join(dataDir, FILE);
  const read = async () => Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    },
  );
  return read();
}
