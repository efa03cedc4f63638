import { z } from "zod";

/** Server names become part of tool names (`<server>__<tool>`, at most 64 characters), so they stay short. */
const serverNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, "1 to 24 letters, digits, '_' or '-'");

const stdioServerSchema = z.object({
  type: z.literal("stdio").optional(),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  /** The whole environment the server gets: nothing of this server's own environment is passed on. */
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().min(1).optional(),
});

const httpServerSchema = z.object({
  type: z.enum(["http", "streamable-http", "streamableHttp"]).optional(),
  url: z.url({ protocol: /^https?$/ }),
  /** Values may hold `{{user.secret.NAME}}`, filled from the calling user's secrets. */
  headers: z.record(z.string(), z.string()).default({}),
});

export const mcpConfigFileSchema = z.object({
  mcpServers: z.record(serverNameSchema, z.union([stdioServerSchema, httpServerSchema])).default({}),
});

export type McpServerSettings =
  | { name: string; transport: "stdio"; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { name: string; transport: "http"; url: string; headers: Record<string, string> };

const USER_SECRET = /\{\{\s*user\.secret\.([A-Za-z0-9_.-]{1,64})\s*\}\}/g;

/** The servers of an MCP_CONFIG file's text, or an error that says what is wrong with it. */
export function parseMcpConfig(text: string): McpServerSettings[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`MCP_CONFIG is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = mcpConfigFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`MCP_CONFIG is not valid: ${z.prettifyError(parsed.error)}`);
  return Object.entries(parsed.data.mcpServers).map(([name, server]) =>
    "command" in server
      ? { name, transport: "stdio", command: server.command, args: server.args, env: server.env, cwd: server.cwd }
      : { name, transport: "http", url: server.url, headers: server.headers },
  );
}

/** The user secrets a server's headers name. */
export function secretNamesOf(headers: Record<string, string>): string[] {
  const names = Object.values(headers).flatMap((value) => [...value.matchAll(USER_SECRET)].map((match) => match[1]));
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

/**
 * The headers with each `{{user.secret.NAME}}` filled from `secrets`. Without `secrets` (listing tools, where no
 * user is asking) a header that needs one is left out; with them, a missing secret is an error the user can fix.
 */
export function fillHeaders(headers: Record<string, string>, secrets?: Map<string, string>): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const [header, template] of Object.entries(headers)) {
    const names = secretNamesOf({ [header]: template });
    if (names.length > 0 && !secrets) continue;
    const missing = names.filter((name) => !secrets?.has(name));
    if (missing.length > 0) {
      throw new Error(
        `This tool needs your secret ${missing.join(", ")}: add it under Settings (PUT /api/secrets/:name).`,
      );
    }
    filled[header] = template.replace(USER_SECRET, (_, name: string) => secrets?.get(name) ?? "");
  }
  return filled;
}
