/**
 * The child process that runs one Python guest in Pyodide, started by `pyodide.ts` under Node's permission
 * model: it may read only Pyodide's own files and this script, start no process or worker, load no addon, and
 * has an empty environment. Node 24's permission model does not cover the network (`--allow-net` comes with
 * Node 25), so before any guest code this script takes every socket-making function away and leaves the guest
 * no JavaScript globals; `--disallow-code-generation-from-strings` keeps a guest that reaches a JavaScript
 * function from turning it into new code. It imports nothing but Node's built-ins and Pyodide.
 */
import dgram from "node:dgram";
import dns from "node:dns";
import { constants as fsConstants } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";

type Job = { code: string };
type Reply = { ok: boolean; result?: string; error?: string; output: string };
type PyProxyLike = { toString(): string; destroy(): void; type?: string };
type Pyodide = {
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
  loadPackage: unknown;
  loadPackagesFromImports: unknown;
  unregisterJsModule(name: string): void;
  setStdout(options: { batched: (line: string) => void }): void;
  setStderr(options: { batched: (line: string) => void }): void;
};

const OUTPUT_LIMIT = Number(process.argv[3] ?? 32_000);
const pyodideDir = process.argv[2];
if (!pyodideDir) throw new Error("pyodide-guest.ts needs the Pyodide package's folder");

function refuse(what: string) {
  return () => {
    throw new Error(`${what} is not available in the sandbox: it has no network.`);
  };
}

/** Replaces each named function by one that throws, for good: the guest cannot put the original back. */
function lock(target: object, names: string[], what: string) {
  for (const name of names) {
    Object.defineProperty(target, name, { value: refuse(`${what}.${name}`), writable: false, configurable: false });
  }
}

function cutNetwork() {
  lock(net, ["connect", "createConnection", "createServer"], "net");
  lock(net.Socket.prototype, ["connect"], "net.Socket");
  lock(net.Server.prototype, ["listen"], "net.Server");
  lock(tls, ["connect", "createServer"], "tls");
  lock(dgram, ["createSocket"], "dgram");
  lock(dgram.Socket.prototype, ["bind", "send", "connect"], "dgram.Socket");
  lock(http, ["request", "get", "createServer"], "http");
  lock(https, ["request", "get", "createServer"], "https");
  lock(http2, ["connect", "createServer", "createSecureServer"], "http2");
  const lookups = ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveTxt", "reverse"];
  lock(dns, lookups, "dns");
  lock(dns.promises, lookups, "dns.promises");
  lock(dns.Resolver.prototype, lookups.slice(2), "dns.Resolver");
  for (const name of ["fetch", "WebSocket", "EventSource", "XMLHttpRequest", "WebSocketStream"]) {
    Reflect.deleteProperty(globalThis, name);
  }
  Reflect.deleteProperty(process, "getBuiltinModule");
}

// Pyodide's Node file system reads its flag constants through process.binding, which the permission model
// refuses; these are the same constants, and nothing else of process.binding is given.
Object.defineProperty(process, "binding", {
  value: (name: string) => {
    if (name === "constants") return { fs: fsConstants };
    throw new Error(`process.binding(${name}) is not available in the sandbox.`);
  },
});
cutNetwork();

let output = "";
const print = (line: string) => {
  if (output.length <= OUTPUT_LIMIT) output += `${line}\n`;
};
const { loadPyodide } = (await import(`${pyodideDir}/pyodide.mjs`)) as {
  loadPyodide(options: object): Promise<Pyodide>;
};
const pyodide = await loadPyodide({
  indexURL: `${pyodideDir}/`,
  // The guest's `js` module: an empty object instead of this process's globals.
  jsglobals: Object.create(null),
  env: { HOME: "/home/pyodide" },
  stdout: print,
  stderr: print,
});
pyodide.setStdout({ batched: print });
pyodide.setStderr({ batched: print });
// Installing packages would download them: there is no network, and no package manager either.
pyodide.loadPackage = refuse("loadPackage");
pyodide.loadPackagesFromImports = refuse("loadPackagesFromImports");
pyodide.unregisterJsModule("pyodide_js");
const repr = pyodide.globals.get("repr") as (value: unknown) => string;

function describe(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  const proxy = value as PyProxyLike;
  try {
    return repr(value);
  } finally {
    if (typeof proxy.destroy === "function") proxy.destroy();
  }
}

function run({ code }: Job): Reply {
  try {
    const result = describe(pyodide.runPython(code));
    return { ok: true, ...(result === undefined ? {} : { result }), output };
  } catch (error) {
    // A Python exception's message is its traceback; its last line names the exception.
    const message = error instanceof Error ? error.message : String(error);
    const lines = message.trim().split("\n");
    return { ok: false, error: lines.at(-1) ?? message, output };
  }
}

process.once("message", (job: Job) => {
  process.send?.(run(job), () => process.exit(0));
});
process.send?.({ ready: true });
