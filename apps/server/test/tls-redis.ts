import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { connect } from "node:tls";
import { freePort, pingsBack } from "./redis-server.ts";
import type { TestCa } from "./tls-ca.ts";

const answersPingOverTls = (port: number, ca: Buffer) =>
  pingsBack(connect({ port, host: "127.0.0.1", servername: "localhost", ca }), "secureConnect");

/**
 * A private redis-server that speaks only TLS (`--port 0 --tls-port N`) with `ca`'s server certificate; or `{ skip }`
 * when this redis-server was built without TLS (or is not installed).
 */
export async function startTlsRedis(ca: TestCa): Promise<{ port: number; stop(): Promise<void> } | { skip: string }> {
  const port = await freePort();
  const args = [
    "--port",
    "0",
    "--tls-port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--tls-cert-file",
    ca.certFile,
    "--tls-key-file",
    ca.keyFile,
    "--tls-ca-cert-file",
    ca.caFile,
    "--tls-auth-clients",
    "no",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    ca.dir,
  ];
  let child: ChildProcess;
  try {
    child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    return { skip: "redis-server is not installed" };
  }
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const spawnFailed = await new Promise<boolean>((resolve) => {
    child.once("error", () => resolve(true));
    child.once("spawn", () => resolve(false));
  });
  if (spawnFailed) return { skip: "redis-server is not installed" };
  const caPem = await readFile(ca.caFile);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await answersPingOverTls(port, caPem)) {
      return {
        port,
        async stop() {
          if (child.exitCode === null) {
            child.kill("SIGKILL");
            await new Promise((resolve) => child.once("exit", resolve));
          }
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  if (/tls|TLS/.test(output) && /not (supported|built)|Unrecognized|Bad directive/i.test(output)) {
    return { skip: `this redis-server was built without TLS: ${output.trim().split("\n").at(-1)}` };
  }
  throw new Error(`redis-server with TLS did not answer:\n${output}`);
}
