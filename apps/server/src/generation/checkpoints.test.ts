import { describe, expect, it, vi } from "vitest";
import { startCheckpoints } from "./checkpoints.ts";

describe("reply checkpoints", () => {
  it("saves changed text once per interval, and nothing when it did not change", async () => {
    vi.useFakeTimers();
    try {
      let text = "";
      const saves: string[] = [];
      const checkpoints = startCheckpoints({
        intervalMs: 500,
        heartbeatMs: 60_000,
        read: () => text,
        save: async (c) => saves.push(c),
        onError: (error) => {
          throw error;
        },
      });
      text = "Hel";
      await vi.advanceTimersByTimeAsync(499);
      expect(saves).toEqual([]);
      text = "Hello";
      await vi.advanceTimersByTimeAsync(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(saves).toEqual(["Hello"]);
      text = "Hello, world";
      await vi.advanceTimersByTimeAsync(500);
      await checkpoints.stop();
      expect(saves).toEqual(["Hello", "Hello, world"]);
      text = "after stop";
      await vi.advanceTimersByTimeAsync(2000);
      expect(saves).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("saves unchanged text once per heartbeat, as a sign of life", async () => {
    vi.useFakeTimers();
    try {
      const saves: string[] = [];
      const checkpoints = startCheckpoints({
        intervalMs: 100,
        heartbeatMs: 1_000,
        read: () => "same",
        save: async (c) => saves.push(c),
        onError: (error) => {
          throw error;
        },
      });
      await vi.advanceTimersByTimeAsync(900);
      expect(saves).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_100);
      expect(saves).toEqual(["same", "same", "same"]);
      await checkpoints.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits for a save in flight before stopping", async () => {
    vi.useFakeTimers();
    try {
      let finished = false;
      let text = "";
      const checkpoints = startCheckpoints({
        intervalMs: 10,
        heartbeatMs: 60_000,
        read: () => text,
        save: () =>
          new Promise((resolve) =>
            setTimeout(() => {
              finished = true;
              resolve(undefined);
            }, 100),
          ),
        onError: (error) => {
          throw error;
        },
      });
      text = "changed";
      await vi.advanceTimersByTimeAsync(10);
      const stopping = checkpoints.stop();
      await vi.advanceTimersByTimeAsync(100);
      await stopping;
      expect(finished).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports a failed save, and keeps saving after it", async () => {
    vi.useFakeTimers();
    try {
      let text = "a";
      const saved: string[] = [];
      const failures: unknown[] = [];
      let calls = 0;
      const checkpoints = startCheckpoints({
        intervalMs: 100,
        heartbeatMs: 60_000,
        read: () => text,
        save: async (content) => {
          calls += 1;
          if (calls === 1) throw new Error("database is away");
          saved.push(content);
        },
        onError: (error) => failures.push(error),
      });
      text = "ab";
      await vi.advanceTimersByTimeAsync(100);
      text = "abc";
      await vi.advanceTimersByTimeAsync(100);
      await checkpoints.stop();
      expect(failures).toEqual([new Error("database is away")]);
      expect(saved).toEqual(["abc"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
