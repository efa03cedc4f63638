import { describe, expect, it, vi } from "vitest";
import { diskFull } from "../store/unavailable.ts";
import { persistUntilSaved } from "./persist-until-saved.ts";

/** A write that fails with `error` the first `failures` times, then succeeds. */
function failingWrite(failures: number, error: () => unknown) {
  let calls = 0;
  const write = vi.fn(async () => {
    calls += 1;
    if (calls <= failures) throw error();
  });
  return write;
}

describe("persistUntilSaved", () => {
  it("keeps retrying a write the store refuses as unavailable (a full disk) even while its ping answers", async () => {
    const write = failingWrite(4, () => diskFull(new Error("SQLITE_FULL")));
    const ping = vi.fn(async () => {});
    const onRetry = vi.fn();
    await persistUntilSaved({ write, ping, signal: new AbortController().signal, onRetry });
    expect(write).toHaveBeenCalledTimes(5);
    expect(onRetry).toHaveBeenCalledTimes(4);
    // The write said why it failed: the ping is not asked.
    expect(ping).not.toHaveBeenCalled();
  });

  it("gives up on a write that keeps failing while the store answers, after three tries", async () => {
    const wrong = new Error("violates a constraint");
    const write = failingWrite(Number.POSITIVE_INFINITY, () => wrong);
    const ping = vi.fn(async () => {});
    await expect(
      persistUntilSaved({ write, ping, signal: new AbortController().signal, onRetry: () => {} }),
    ).rejects.toBe(wrong);
    expect(write).toHaveBeenCalledTimes(3);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it("tries once more and gives up when shutdown aborts while the store is away", async () => {
    const controller = new AbortController();
    const write = failingWrite(Number.POSITIVE_INFINITY, () => diskFull(new Error("SQLITE_FULL")));
    const saving = persistUntilSaved({
      write,
      ping: async () => {},
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    await expect(saving).rejects.toMatchObject({ code: "unavailable" });
    expect(write).toHaveBeenCalledTimes(2);
  });
});
