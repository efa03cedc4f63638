import { describe, expect, it } from "vitest";
import { createLiveReplies } from "./live-replies.ts";

const delta = (seq: number, text: string) => ({ seq, part: { type: "text-delta", id: "0", delta: text } });
const textOf = (live: ReturnType<typeof createLiveReplies>, replyId: string) =>
  live
    .get(replyId)
    ?.parts.map((part) => part.text)
    .join("");

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
    expect(textOf(live, "r1")).toBe("Hello");
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
    expect(textOf(live, "r1")).toBe("abc");
    expect(live.get("r1")?.lastSeq).toBe(3);
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

  it("builds the parts of the reply, reasoning before text, as the events arrive", () => {
    const frames = manualFrames();
    const live = createLiveReplies({ schedule: frames.schedule });
    live.apply("r1", { seq: 1, part: { type: "reasoning-start", id: "r" } });
    live.apply("r1", { seq: 2, part: { type: "reasoning-delta", id: "r", delta: "Thinking it over" } });
    frames.runFrame();
    expect(live.get("r1")?.parts).toEqual([{ type: "reasoning", text: "Thinking it over", state: "streaming" }]);
    live.apply("r1", { seq: 3, part: { type: "reasoning-end", id: "r" } });
    live.apply("r1", { seq: 4, part: { type: "text-start", id: "t" } });
    live.apply("r1", { seq: 5, part: { type: "text-delta", id: "t", delta: "Yes." } });
    frames.runFrame();
    expect(live.get("r1")?.parts).toEqual([
      { type: "reasoning", text: "Thinking it over", state: "done" },
      { type: "text", text: "Yes.", state: "streaming" },
    ]);
  });

  it("shows a notice under a reply's live parts without taking a sequence number", () => {
    const frames = manualFrames();
    const live = createLiveReplies({ schedule: frames.schedule });
    live.apply("r1", delta(1, "so far"));
    live.notice("r1", "The live stream was lost.");
    live.apply("r1", delta(2, " and on"));
    frames.runFrame();
    expect(live.get("r1")).toMatchObject({ lastSeq: 2, error: "The live stream was lost." });
    expect(textOf(live, "r1")).toBe("so far and on");
  });
});
