import { describe, expect, it, vi } from "vitest";
import { createMemoryStreamLog } from "./memory.ts";
import { runStreamLogContract } from "./stream-log.contract.ts";

runStreamLogContract({ name: "memory", create: async () => createMemoryStreamLog({ retentionMs: 60_000 }) });

describe("memory stream log retention", () => {
  it("forgets an ended log after the retention window", async () => {
    vi.useFakeTimers();
    try {
      const log = createMemoryStreamLog({ retentionMs: 1_000 });
      await log.create({ streamId: "s" });
      await log.end({ streamId: "s" });
      vi.advanceTimersByTime(999);
      expect(await log.state({ streamId: "s" })).toBe("ended");
      vi.advanceTimersByTime(1);
      expect(await log.state({ streamId: "s" })).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
