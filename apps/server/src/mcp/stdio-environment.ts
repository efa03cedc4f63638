import { dirname } from "node:path";

/** What the AI SDK's stdio transport would otherwise copy from this process's environment into the server's. */
const INHERITED_BY_DEFAULT = ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"] as const;

/**
 * The complete environment of a stdio MCP server: exactly the `env` of its configuration, never this server's own
 * (which holds database URLs, provider keys and the master key). PATH, unless configured, finds this Node and the
 * system's programs; the other variables the transport would inherit are set empty so that nothing leaks through.
 */
export function stdioEnvironment(configured: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_BY_DEFAULT) env[name] = "";
  env.PATH = [dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":");
  return { ...env, ...configured };
}
