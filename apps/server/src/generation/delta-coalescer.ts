import type { StreamPart } from "@slipstream/protocol";

type Delta = StreamPart & { type: "text-delta" | "reasoning-delta"; id: string; delta: string };

/** A delta carrying provider metadata (a reasoning signature) is written as it came: merging would drop it. */
function isMergeable(part: StreamPart): part is Delta {
  return (part.type === "text-delta" || part.type === "reasoning-delta") && part.providerMetadata === undefined;
}

/**
 * Writes a reply's parts to its stream log, merging the text and reasoning deltas of one part that come within
 * `windowMs` of each other into one event, so followers get fewer events for the same text. A delta that follows
 * any other part (the first of each part) is written at once, so the first token is never held back; a held delta
 * is written when its window closes or, before it, when any other part comes, so the order of parts never changes.
 * `write` must not reject (the log's failures are handled there); `flush` writes what is still held.
 */
export function coalesceDeltas({ windowMs, write }: { windowMs: number; write: (part: StreamPart) => Promise<void> }) {
  let previous: StreamPart | undefined;
  let held: Delta | undefined;
  let heldText = "";
  let timer: NodeJS.Timeout | undefined;
  // The write a closing window started; the next write waits for it, so the log keeps the parts in order.
  let windowWrite: Promise<void> | undefined;

  const release = () => {
    const part = held as Delta;
    held = undefined;
    return part.delta === heldText ? part : { ...part, delta: heldText };
  };
  const closeWindow = () => {
    timer = undefined;
    windowWrite = write(release());
  };
  const flush = async () => {
    if (windowWrite) {
      await windowWrite;
      windowWrite = undefined;
    }
    if (held === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    await write(release());
  };

  return {
    async append(part: StreamPart) {
      const continues =
        isMergeable(part) && previous !== undefined && previous.type === part.type && previous.id === part.id;
      previous = part;
      if (!continues) {
        await flush();
        await write(part);
        return;
      }
      if (held !== undefined) {
        heldText += part.delta;
        return;
      }
      if (windowWrite) await flush();
      held = part;
      heldText = part.delta;
      timer = setTimeout(closeWindow, windowMs);
    },
    flush,
  };
}
