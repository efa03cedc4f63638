import type { UsageQuery, UsageReport } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Without `from`, a report covers the last 30 UTC days, today included. */
export const DEFAULT_REPORT_DAYS = 30;

const startOfUtcDay = (time: number) => {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
};

/** The report's [from, to) as timestamps. A date alone means that whole UTC day, for `to` as for `from`. */
export function reportRange({ from, to }: UsageQuery, now = Date.now()): { from: string; to: string } {
  const end =
    to === undefined ? startOfUtcDay(now) + DAY_MS : to.length === 10 ? Date.parse(to) + DAY_MS : Date.parse(to);
  const start = from === undefined ? startOfUtcDay(now) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS : Date.parse(from);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** Usage reports: a user's own, and everyone's for administrators. */
export function createUsageService({ store, access }: { store: Pick<Store, "usage">; access: AccessPolicy }) {
  return {
    async report({ principal, ...query }: UsageQuery & { principal: Principal }): Promise<UsageReport> {
      const range = reportRange(query);
      return { ...range, ...(await store.usage.summarizeUsage({ userId: principal.userId, ...range })) };
    },

    async adminReport({ principal, ...query }: UsageQuery & { principal: Principal }): Promise<UsageReport> {
      access.requireAdmin({ principal, action: "admin.usage" });
      const range = reportRange(query);
      return { ...range, ...(await store.usage.summarizeUsage(range)) };
    },
  };
}
export type UsageService = ReturnType<typeof createUsageService>;
