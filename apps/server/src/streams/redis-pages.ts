import type { StreamEvent } from "@slipstream/protocol";
import { parsePart } from "./part-json.ts";

export type Entry = [id: string, fields: string[]];
/** A page of a log as readers use it: its events, the id of the last one, and whether the end marker came. */
export type Page = { events: StreamEvent[]; lastId?: string; ended: boolean; full: boolean };

/** Entries come as `<seq>-0` with a `part` field, or the terminal `<lastSeq>-1` with an `end` field. */
function decodePage(entries: Entry[], size: number): Page {
  const events: StreamEvent[] = [];
  let lastId: string | undefined;
  for (const [id, fields] of entries) {
    if (fields[0] === "end") return { events, lastId, ended: true, full: false };
    lastId = id;
    events.push({ seq: Number(id.slice(0, id.indexOf("-"))), part: parsePart(fields[1] as string) });
  }
  return { events, lastId, ended: false, full: entries.length === size };
}

/**
 * Pages of a log read once for all its readers on this instance: followers of a live log sit at the same offset
 * and are woken by the same notification, so they ask for the same page in the same tick. One XRANGE answers
 * them all, its parts are parsed once, and every follower gets the same event objects (so each is encoded once).
 */
export function createSharedPages(read: (stream: string, afterId: string, count: number) => Promise<Entry[]>) {
  const inFlight = new Map<string, Promise<Page>>();
  return (stream: string, afterId: string, count: number): Promise<Page> => {
    const key = `${stream} ${afterId} ${count}`;
    let page = inFlight.get(key);
    if (!page) {
      page = read(stream, afterId, count)
        .then((entries) => decodePage(entries, count))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, page);
    }
    return page;
  };
}
