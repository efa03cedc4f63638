import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema } from "../src/config.ts";
import { startMain } from "./server-process.ts";

const ROOT = join(import.meta.dirname, "../../..");
const read = (path: string) => readFile(join(ROOT, path), "utf8");
const CONFIG_VARIABLES = new Set(Object.keys(envSchema.shape));
/** API.md's files section (STORAGE, S3_*): set by compose.yaml already, read once the storage adapter lands. */
const PLANNED_VARIABLES = new Set([
  "STORAGE",
  "S3_ENDPOINT",
  "S3_BUCKET",
  "S3_REGION",
  "S3_FORCE_PATH_STYLE",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
]);
/** The Dockerfile's stages all start from its NODE_IMAGE build argument. */
const IMAGE_ARGUMENT = ["$", "{NODE_IMAGE}"].join("");
const known = (name: string) => CONFIG_VARIABLES.has(name) || PLANNED_VARIABLES.has(name);

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
async function dockerfile() {
  const text = (await read("Dockerfile")).replace(/\\\n\s*/g, " ");
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [instruction = "", ...rest] = line.split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: rest.join(" ") };
    });
}

async function imageFacts() {
  const lines = await dockerfile();
  const all = (name: string) => lines.filter((line) => line.instruction === name).map((line) => line.args);
  const finalStage = lines.slice(lines.findLastIndex((line) => line.instruction === "FROM"));
  const inFinal = (name: string) => finalStage.filter((line) => line.instruction === name).map((line) => line.args);
  const env = Object.fromEntries(
    inFinal("ENV").flatMap((args) => args.split(/\s+/).map((pair) => pair.split("=") as [string, string])),
  );
  const healthcheck = inFinal("HEALTHCHECK")[0] ?? "";
  return {
    all,
    inFinal,
    env,
    cmd: JSON.parse(inFinal("CMD")[0] ?? "null") as string[],
    healthcheck: JSON.parse(healthcheck.slice(healthcheck.indexOf("CMD ") + 4)) as string[],
  };
}

describe("the Dockerfile", () => {
  it("builds on Node 24 Debian slim in stages, installs production dependencies only, and runs as non-root", async () => {
    const facts = await imageFacts();
    expect(facts.all("ARG")).toContain("NODE_IMAGE=node:24-bookworm-slim");
    expect(facts.all("FROM").filter((from) => from.startsWith(IMAGE_ARGUMENT))).toHaveLength(3);
    expect(facts.all("RUN")).toContain("npm run build");
    expect(facts.all("RUN").some((run) => /^npm ci --omit=dev\b/.test(run))).toBe(true);
    expect(facts.inFinal("COPY")).toContain("--from=build /app/apps/web/dist apps/web/dist");
    expect(facts.inFinal("COPY")).toContain("--from=dependencies /app/node_modules node_modules");
    expect(facts.inFinal("USER")).toEqual(["node"]);
    expect(facts.inFinal("HEALTHCHECK")).toHaveLength(1);
  });

  it("starts with what npm start runs, with an environment of real settings, as docs/container.md says", async () => {
    const facts = await imageFacts();
    const rootPackage = JSON.parse(await read("package.json")) as { scripts: Record<string, string> };
    expect(facts.cmd.join(" ")).toBe(rootPackage.scripts.start);
    expect(facts.env).toEqual({ NODE_ENV: "production", HOST: "0.0.0.0", PORT: "3000", DATA_DIR: "/data" });
    for (const name of Object.keys(facts.env)) expect(CONFIG_VARIABLES.has(name), name).toBe(true);
    const doc = await read("docs/container.md");
    expect(doc).toContain(`Start command: \`${facts.cmd.join(" ")}\``);
    expect(doc).toContain(
      `Environment set by the image: ${Object.entries(facts.env)
        .map(([name, value]) => `\`${name}=${value}\``)
        .join(", ")}.`,
    );
  });

  it("has a health check that passes against the server the start command runs, and fails without it", async () => {
    const facts = await imageFacts();
    const dataDir = await mkdtemp(join(tmpdir(), "slipstream-image-"));
    const [command, ...args] = facts.cmd;
    expect(command).toBe("node");
    const server = await startMain({
      ...facts.env,
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      SESSION_SECRET: "a production secret of at least thirty-two characters",
      KEYS_MASTER_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    });
    try {
      expect(args).toEqual(["apps/server/src/main.ts"]);
      const port = new URL(server.url).port;
      const check = (onPort: string) =>
        spawnSync(process.execPath, facts.healthcheck.slice(1), { env: { PORT: onPort }, timeout: 10_000 }).status;
      expect(facts.healthcheck[0]).toBe("node");
      expect(check(port)).toBe(0);
      server.child.kill("SIGTERM");
      await server.exited;
      expect(check(port)).toBe(1);
    } finally {
      server.child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

type ComposeService = {
  build?: unknown;
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
};

describe("compose.yaml", () => {
  it("runs two instances of the image behind a balancer over Postgres, Redis and S3-compatible storage", async () => {
    const compose = parse(await read("compose.yaml"), { merge: true }) as {
      services: Record<string, ComposeService>;
      volumes: Record<string, unknown>;
    };
    const { services } = compose;
    for (const name of ["app-1", "app-2"]) {
      const app = services[name] as ComposeService;
      expect(app.build, name).toBe(".");
      expect(app.env_file, name).toBe("./slipstream.env");
      expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(app.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(app.environment?.S3_ENDPOINT).toBe("http://minio:9000");
      for (const variable of Object.keys(app.environment ?? {})) expect(known(variable), variable).toBe(true);
      expect(Object.keys(app.depends_on ?? {}).sort()).toEqual(["minio", "postgres", "redis"]);
    }
    const balancerConfig = await read("deploy/nginx.conf");
    expect(balancerConfig).toContain("server app-1:3000");
    expect(balancerConfig).toContain("server app-2:3000");
    expect(balancerConfig).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
    expect(services.balancer?.volumes).toContain("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro");

    const named = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .map((volume) => volume.split(":")[0] as string)
      .filter((source) => !source.startsWith("."));
    expect(new Set(named)).toEqual(new Set(Object.keys(compose.volumes)));
    expect(Object.keys(compose.volumes).sort()).toEqual(["app-data", "minio-data", "postgres-data", "redis-data"]);
  });

  it("takes its secrets from an env file whose example names only real settings", async () => {
    const example = await read("slipstream.env.example");
    const names = example
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split("=")[0] as string);
    expect(names).toContain("SESSION_SECRET");
    expect(names).toContain("KEYS_MASTER_KEY");
    for (const name of names) expect(known(name), name).toBe(true);
    expect(await read(".gitignore")).toMatch(/^slipstream\.env$/m);
  });

  const compose = ["docker compose", "docker-compose"].find(
    (client) => spawnSync("sh", ["-c", `${client} version`], { stdio: "ignore" }).status === 0,
  );
  it.skipIf(!compose)(`parses with ${compose ?? "a Compose client (none is installed: skipped)"}`, async () => {
    // A copy in a temp dir, with the example as its env file: the checkout's own slipstream.env is never touched.
    const dir = await mkdtemp(join(tmpdir(), "slipstream-compose-"));
    try {
      await writeFile(join(dir, "compose.yaml"), await read("compose.yaml"));
      await writeFile(join(dir, "slipstream.env"), await read("slipstream.env.example"));
      const run = spawnSync("sh", ["-c", `${compose} -f compose.yaml config --quiet`], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", POSTGRES_PASSWORD: "p", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "s" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
