import { describe, expect, it } from "vitest";
import { createLiveReplies } from "./live-replies.ts";

const delta = (seq: number, text: string) => ({ seq, part: { type: "text-delta", id: "0", delta: text } });

function manualFrames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => queue.push(flush),
    runFrame: () => {
      for (const flush of queue.splice(0)) flush();
    },
  };
}

describe("live replies", () => {
  it("shows the deltas of a frame together, once per frame", () => {
    const frames = manualFrames();
    const live = createLiveReplies({ schedule: frames.schedule });
    let renders = 0;
    live.subscribe("r1", () => renders++);
    live.apply("r1", delta(1, "Hel"));
    live.apply("r1", delta(2, "lo"));
    expect(live.get("r1")).toBeUndefined();
    frames.runFrame();
    expect(live.get("r1")?.text).toBe("Hello");
    expect(renders).toBe(1);
  });

  it("ignores events it already has, so a resumed stream is never doubled", () => {
    const frames = manualFrames();
    const live = createLiveReplies({ schedule: frames.schedule });
    live.apply("r1", delta(1, "a"));
    live.apply("r1", delta(2, "b"));
    live.apply("r1", delta(2, "b"));
    live.apply("r1", delta(1, "a"));
    live.apply("r1", delta(3, "c"));
    frames.runFrame();
    expect(live.get("r1")).toMatchObject({ text: "abc", lastSeq: 3 });
    expect(live.lastSeq("r1")).toBe(3);
  });

  it("keeps a provider error and notifies only the reply that changed", () => {
    const frames = manualFrames();
    const live = createLiveReplies({ schedule: frames.schedule });
    let otherRenders = 0;
    live.subscribe("r2", () => otherRenders++);
    live.apply("r1", { seq: 1, part: { type: "error", errorText: "rate limited" } });
    frames.runFrame();
    expect(live.get("r1")?.error).toBe("rate limited");
    expect(otherRenders).toBe(0);
    live.forget("r1");
    frames.runFrame();
    expect(live.get("r1")).toBeUndefined();
  });
});
