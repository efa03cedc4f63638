import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBus } from "../src/bus/index.ts";
import { connectRedis, redisTls } from "../src/redis/connect.ts";
import { openStore } from "../src/store/index.ts";
import { createTestCa, type TestCa } from "./tls-ca.ts";
import { startTlsPostgres } from "./tls-postgres.ts";
import { startTlsRedis } from "./tls-redis.ts";

/** Missing tools skip with their reason, except under REQUIRE_SERVICES=1 (CI), where they fail. */
function skipReason(result: object): string | undefined {
  if (!("skip" in result)) return undefined;
  if (process.env.REQUIRE_SERVICES === "1") throw new Error(String(result.skip));
  return String(result.skip);
}

let ca: TestCa | undefined;
let caSkip: string | undefined;
beforeAll(async () => {
  const created = await createTestCa();
  caSkip = skipReason(created);
  if (!caSkip) ca = created as TestCa;
});
afterAll(async () => {
  if (ca) await rm(ca.dir, { recursive: true, force: true });
});

describe("Postgres over TLS with sslmode=verify-full and DATABASE_CA_FILE", () => {
  let postgres: { port: number; stop(): Promise<void> } | undefined;
  let skip: string | undefined;
  beforeAll(async () => {
    if (!ca) return;
    const started = await startTlsPostgres(ca);
    skip = skipReason(started);
    if (!skip) postgres = started as { port: number; stop(): Promise<void> };
  });
  afterAll(() => postgres?.stop());
  const url = (host: string, query = "sslmode=verify-full") =>
    `postgres://postgres@${host}:${postgres?.port}/postgres?${query}`;

  it("connects, migrates and answers when the server's certificate chains to the CA file", async (context) => {
    if (!postgres || !ca) return context.skip(caSkip ?? skip);
    const store = await openStore({ kind: "postgres", url: url("localhost"), caFile: ca.caFile });
    await store.ping();
    expect(await store.users.listUsers()).toEqual([]);
    await store.close();
    // DATABASE_CA_FILE alone implies verify-full.
    const implied = await openStore({ kind: "postgres", url: url("localhost", ""), caFile: ca.caFile });
    await implied.ping();
    await implied.close();
  });

  it("refuses a server it cannot verify: unknown CA, another CA, a host name the certificate does not name", async (context) => {
    if (!postgres || !ca) return context.skip(caSkip ?? skip);
    await expect(openStore({ kind: "postgres", url: url("localhost") })).rejects.toThrow(/self[- ]signed|certificate/i);
    await expect(openStore({ kind: "postgres", url: url("localhost"), caFile: ca.otherCaFile })).rejects.toThrow(
      /certificate/i,
    );
    await expect(openStore({ kind: "postgres", url: url("127.0.0.1"), caFile: ca.caFile })).rejects.toThrow(
      /Hostname\/IP does not match|altnames/i,
    );
    // The server takes TLS only: the successes above went through it.
    await expect(openStore({ kind: "postgres", url: url("localhost", "sslmode=disable") })).rejects.toThrow(
      /no encryption|pg_hba|rejects/i,
    );
  });
});

describe("Redis over rediss:// with REDIS_CA_FILE", () => {
  let redis: { port: number; stop(): Promise<void> } | undefined;
  let skip: string | undefined;
  beforeAll(async () => {
    if (!ca) return;
    const started = await startTlsRedis(ca);
    skip = skipReason(started);
    if (!skip) redis = started as { port: number; stop(): Promise<void> };
  });
  afterAll(() => redis?.stop());

  it("carries the bus when the server's certificate chains to the CA file", async (context) => {
    if (!redis || !ca) return context.skip(caSkip ?? skip);
    const bus = await openBus({
      redis: { url: `rediss://localhost:${redis.port}`, caFile: ca.caFile },
      onError: (error) => {
        throw error;
      },
    });
    const received = new Promise((resolve) => bus.subscribe("stream.cancel", resolve));
    await bus.publish("stream.cancel", { streamId: "over-tls" });
    expect(await received).toEqual({ streamId: "over-tls" });
    await bus.close();
  });

  it("refuses a server whose certificate it cannot verify", async (context) => {
    if (!redis || !ca) return context.skip(caSkip ?? skip);
    for (const caFile of [undefined, ca.otherCaFile]) {
      const errors: unknown[] = [];
      const connection = connectRedis(`rediss://localhost:${redis.port}`, (error) => errors.push(error), {
        ...redisTls(caFile),
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
      });
      await expect(connection.ping()).rejects.toThrow();
      expect(String(errors[0])).toMatch(/certificate/i);
      connection.disconnect();
    }
  });
});
