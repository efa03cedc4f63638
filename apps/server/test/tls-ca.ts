import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type TestCa = { dir: string; caFile: string; certFile: string; keyFile: string; otherCaFile: string };

function openssl(args: string[], cwd: string) {
  const run = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
}

const DAYS = ["-days", "2"];
const NEW_KEY = ["-newkey", "rsa:2048", "-nodes"];

/**
 * A throwaway CA and a server certificate it signed for `localhost` only (not 127.0.0.1, so that connecting by
 * address fails the host name check), plus an unrelated CA; or `{ skip }` without the openssl command.
 */
export async function createTestCa(): Promise<TestCa | { skip: string }> {
  if (spawnSync("openssl", ["version"]).status !== 0) return { skip: "the openssl command is not installed" };
  const dir = await mkdtemp(join(tmpdir(), "slipstream-ca-"));
  for (const name of ["ca", "other-ca"]) {
    const subject = `/CN=Slipstream test ${name}`;
    openssl(
      ["req", "-x509", ...NEW_KEY, "-keyout", `${name}.key`, "-out", `${name}.pem`, ...DAYS, "-subj", subject],
      dir,
    );
  }
  await writeFile(join(dir, "server.ext"), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n");
  openssl(["req", ...NEW_KEY, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], dir);
  const signing = ["-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-extfile", "server.ext", ...DAYS];
  openssl(["x509", "-req", "-in", "server.csr", "-out", "server.pem", ...signing], dir);
  return {
    dir,
    caFile: join(dir, "ca.pem"),
    certFile: join(dir, "server.pem"),
    keyFile: join(dir, "server.key"),
    otherCaFile: join(dir, "other-ca.pem"),
  };
}
