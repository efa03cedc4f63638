import type { UsageTotals, UserLimitOverrides, UserRole } from "@slipstream/protocol";
import { type Kysely, sql } from "kysely";
import type { Database } from "./database.ts";
import type { ModelAccessRepository, UsageRepository, UserLimitsRepository } from "./types.ts";

type TotalsRow = {
  generations: number | string | bigint;
  inputTokens: number | string | bigint | null;
  outputTokens: number | string | bigint | null;
  costUsd: number | string | null;
};

// Postgres answers sums and counts as strings (bigint, numeric); SQLite as numbers.
const toTotals = (row: TotalsRow | undefined): UsageTotals => ({
  generations: Number(row?.generations ?? 0),
  inputTokens: Number(row?.inputTokens ?? 0),
  outputTokens: Number(row?.outputTokens ?? 0),
  costUsd: row?.costUsd === null || row?.costUsd === undefined ? null : Number(row.costUsd),
});

export function createUsageRepository({ db }: { db: Kysely<Database> }): UsageRepository {
  const totals = {
    generations: sql<number>`count(*)`.as("generations"),
    inputTokens: sql<number>`sum(input_tokens)`.as("inputTokens"),
    outputTokens: sql<number>`sum(output_tokens)`.as("outputTokens"),
    costUsd: sql<number | null>`sum(cost_usd)`.as("costUsd"),
  };
  // ISO-8601 timestamps start with the UTC day, and substr means the same in both dialects.
  const day = sql<string>`substr(created_at, 1, 10)`;

  const within = ({ userId, from, to }: { userId?: string; from: string; to: string }) => {
    let query = db.selectFrom("usageRecords").where("createdAt", ">=", from).where("createdAt", "<", to);
    if (userId !== undefined) query = query.where("userId", "=", userId);
    return query;
  };

  return {
    async recordUsage(usage) {
      await db
        .insertInto("usageRecords")
        .values({ ...usage, estimated: usage.estimated ? 1 : 0 })
        .execute();
    },

    async summarizeUsage(input) {
      const [all, byModel, byDay] = await Promise.all([
        within(input)
          .select([totals.generations, totals.inputTokens, totals.outputTokens, totals.costUsd])
          .executeTakeFirst(),
        within(input)
          .select(["model", totals.generations, totals.inputTokens, totals.outputTokens, totals.costUsd])
          .groupBy("model")
          .orderBy("model")
          .execute(),
        within(input)
          .select([day.as("day"), totals.generations, totals.inputTokens, totals.outputTokens, totals.costUsd])
          .groupBy(day)
          .orderBy(day)
          .execute(),
      ]);
      return {
        totals: toTotals(all),
        byModel: byModel.map((row) => ({ model: row.model, ...toTotals(row) })),
        byDay: byDay.map((row) => ({ day: row.day, ...toTotals(row) })),
      };
    },

    async totalsByUser(input) {
      const rows = await within(input)
        .select(["userId", totals.generations, totals.inputTokens, totals.outputTokens, totals.costUsd])
        .groupBy("userId")
        .execute();
      return new Map(rows.map((row) => [row.userId, toTotals(row)]));
    },
  };
}

export function createModelAccessRepository({ db }: { db: Kysely<Database> }): ModelAccessRepository {
  return {
    async listModelAccess() {
      const rows = await db.selectFrom("modelAccess").selectAll().orderBy("modelId").execute();
      return rows.map((row) => ({
        modelId: row.modelId,
        enabled: row.enabled === 1,
        roles: row.roles === null ? null : (JSON.parse(row.roles) as UserRole[]),
        updatedAt: row.updatedAt,
      }));
    },

    async setModelAccess(access) {
      const values = {
        modelId: access.modelId,
        enabled: access.enabled ? 1 : 0,
        roles: access.roles === null ? null : JSON.stringify(access.roles),
        updatedAt: access.updatedAt,
      };
      await db
        .insertInto("modelAccess")
        .values(values)
        .onConflict((oc) =>
          oc
            .column("modelId")
            .doUpdateSet({ enabled: values.enabled, roles: values.roles, updatedAt: values.updatedAt }),
        )
        .execute();
      return access;
    },
  };
}

export function createUserLimitsRepository({ db }: { db: Kysely<Database> }): UserLimitsRepository {
  return {
    async findLimitOverrides({ userId }) {
      const row = await db.selectFrom("userLimits").select("overrides").where("userId", "=", userId).executeTakeFirst();
      return row ? (JSON.parse(row.overrides) as UserLimitOverrides) : {};
    },

    async listLimitOverrides() {
      const rows = await db.selectFrom("userLimits").selectAll().execute();
      return new Map(rows.map((row) => [row.userId, JSON.parse(row.overrides) as UserLimitOverrides]));
    },

    async setLimitOverrides({ userId, overrides, now }) {
      const values = { userId, overrides: JSON.stringify(overrides), updatedAt: now };
      await db
        .insertInto("userLimits")
        .values(values)
        .onConflict((oc) => oc.column("userId").doUpdateSet({ overrides: values.overrides, updatedAt: now }))
        .execute();
    },
  };
}
