import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { v7 as uuidv7 } from "uuid";
import { createCore } from "../src/app.ts";
import type { Bus } from "../src/bus/index.ts";
import { type Config, loadConfig } from "../src/config.ts";
import type { Principal } from "../src/identity/principal.ts";
import type { ModelRegistry } from "../src/providers/index.ts";
import { createModelRegistry } from "../src/providers/registry.ts";
import type { Store } from "../src/store/index.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";
import type { StreamLog } from "../src/streams/index.ts";
import { disabledTelemetry } from "../src/telemetry/index.ts";

/**
 * The server's core as app.ts composes it, over an in-memory SQLite store and the demo model (fast), for service
 * tests that swap one port for a failing one. Nothing runs jobs unless the test calls `work()`.
 */
export async function createTestDomain({
  store,
  streams,
  bus,
  orphanAfterMs = 5_000,
  env = {},
  models = (config) => createModelRegistry({ config: config.providers, demoModel: { chunkDelayMs: 1 } }),
  generalPathOnly = false,
}: {
  store?: Store;
  streams?: StreamLog;
  bus?: Bus;
  /** Outbox rows unpublished for this long are swept up (0: at once). */
  orphanAfterMs?: number;
  /** More variables of the config (providers' keys and base URLs). */
  env?: Record<string, string>;
  /** The model registry over the config; the configured providers and the demo model unless given. */
  models?: (config: Config) => ModelRegistry;
  /**
   * Every reply through `streamText`, as with tracing on (here without any exporter or span), instead of replies
   * without tools being read at the provider layer.
   */
  generalPathOnly?: boolean;
} = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-domain-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    TITLE_MODEL: "none",
    EVENT_ORPHAN_AFTER_MS: String(orphanAfterMs),
    ...env,
  });
  const core = await createCore({
    config,
    logger: pino({ level: "silent" }),
    telemetry: generalPathOnly ? { ...disabledTelemetry, enabled: true } : disabledTelemetry,
    ports: {
      store: store ?? (await openSqliteStore({ path: ":memory:" })),
      streams,
      bus,
      models: models(config),
    },
  });
  return {
    ...core,
    /** A new account with the `user` role (even the first one), and its principal as a session would resolve it. */
    async newPrincipal(): Promise<Principal> {
      const user = await core.store.users.createUser({
        id: uuidv7(),
        email: `user-${uuidv7()}@example.test`,
        name: null,
        passwordHash: "x",
        role: "user",
        disabledAt: null,
        createdAt: new Date().toISOString(),
      });
      if (user.role !== "user") await core.store.users.updateUser({ id: user.id, patch: { role: "user" } });
      return { userId: user.id, role: "user", via: "session", sessionId: uuidv7() };
    },
    async close() {
      await core.stopWork({ graceMs: 5_000 });
      await core.closePorts();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
