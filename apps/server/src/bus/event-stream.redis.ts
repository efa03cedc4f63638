import type { Redis } from "ioredis";
import { closeConnection } from "../redis/close-connection.ts";
import { connectRedis, redisTls } from "../redis/connect.ts";
import { pingNow } from "../redis/ping-now.ts";
import type { ConversationEventStream } from "./event-stream.ts";
import type { PublishedConversationEvent } from "./types.ts";

const STREAM_KEY = "slipstream:events";
/**
 * Entries kept, roughly (`MAXLEN ~`), so that memory stays bounded. A group further behind than this misses the
 * oldest; a watcher then sees the next version jump and reads the missing ones from the outbox.
 */
const MAX_LENGTH = 10_000;
const READ_COUNT = 100;
/** How long a read waits for new entries before it asks again (and notices it was stopped). */
const BLOCK_MS = 1_000;
/** How often a consumer says its group is alive, and removes the groups nobody has spoken for in `goneAfterMs`. */
const HEARTBEAT_MS = 60_000;
const GONE_AFTER_MS = 60 * 60_000;
/** After an unexpected read error, wait this long before reading again, so that a broken stream is not spun on. */
const RETRY_MS = 200;
/** Each group has one consumer at a time: the instance it belongs to. */
const CONSUMER = "instance";

type Entry = [id: string, fields: string[] | null];
type ReadReply = [key: string, entries: Entry[]][] | null;

/**
 * The scale-out event stream: a Redis Stream read through consumer groups. Each read is acknowledged (XACK) after
 * its handler ran; after a (re)connection, a consumer first reads its own pending entries again (id `0`), so an
 * entry taken just before Redis or the connection blipped is not lost. Groups whose instance stopped saying it is
 * alive for `goneAfterMs` are destroyed.
 */
export async function createRedisEventStream({
  url,
  caFile,
  onError,
  key = STREAM_KEY,
  heartbeatMs = HEARTBEAT_MS,
  goneAfterMs = GONE_AFTER_MS,
}: {
  url: string;
  caFile?: string;
  /** Receives connection errors, unreadable entries and what a handler threw (its entry stays pending). */
  onError: (error: unknown) => void;
  /** The stream's key; groups' heartbeats are kept at `<key>:groups`. */
  key?: string;
  heartbeatMs?: number;
  goneAfterMs?: number;
}): Promise<ConversationEventStream> {
  const writer = connectRedis(url, onError, redisTls(caFile));
  await writer.ping();
  const heartbeatsKey = `${key}:groups`;
  const stops = new Set<() => Promise<void>>();

  const createGroup = async (reader: Redis, group: string, from: "$" | "0") => {
    try {
      await reader.xgroup("CREATE", key, group, from, "MKSTREAM");
    } catch (error) {
      if (!String(error).includes("BUSYGROUP")) throw error;
    }
  };

  /** Says `group` is alive, and destroys the groups of instances gone for `goneAfterMs`. */
  const heartbeat = async (group: string) => {
    const now = Date.now();
    await writer.hset(heartbeatsKey, group, String(now));
    const seen = await writer.hgetall(heartbeatsKey);
    for (const [other, at] of Object.entries(seen)) {
      if (other === group || now - Number(at) < goneAfterMs) continue;
      await writer.xgroup("DESTROY", key, other);
      await writer.hdel(heartbeatsKey, other);
    }
  };

  return {
    async append(event) {
      await writer.xadd(key, "MAXLEN", "~", MAX_LENGTH, "*", "event", JSON.stringify(event));
    },

    async consume(group, handler) {
      // A blocking read holds its connection, so each consumer has its own.
      const reader = connectRedis(url, onError, redisTls(caFile));
      await createGroup(reader, group, "$");
      await heartbeat(group);
      let stopped = false;
      // Pending entries first: after a start, and after every reconnection (a reply lost on the way stays pending).
      let cursor = "0";
      reader.on("ready", () => {
        cursor = "0";
      });

      const deliver = (entries: Entry[]) => {
        const done: string[] = [];
        for (const [id, fields] of entries) {
          // Trimmed away while pending: nothing left to deliver.
          if (!fields) {
            done.push(id);
            continue;
          }
          let event: PublishedConversationEvent;
          try {
            event = JSON.parse(fields[1] ?? "");
          } catch (error) {
            onError(new Error(`Event stream entry ${id} is not JSON`, { cause: error }));
            done.push(id);
            continue;
          }
          try {
            handler(event);
            done.push(id);
          } catch (error) {
            onError(error);
          }
        }
        return done;
      };

      const read = async () => {
        while (!stopped) {
          try {
            const from = cursor;
            const reply = (await reader.xreadgroup(
              "GROUP",
              group,
              CONSUMER,
              "COUNT",
              READ_COUNT,
              "BLOCK",
              BLOCK_MS,
              "STREAMS",
              key,
              from,
            )) as ReadReply;
            if (stopped) return;
            const entries = reply?.[0]?.[1] ?? [];
            const done = deliver(entries);
            if (done.length > 0) await reader.xack(key, group, ...done);
            // Pending entries are read page by page, from the last one seen, until none is left.
            if (from !== ">") cursor = entries.length === 0 ? ">" : (entries.at(-1)?.[0] ?? ">");
          } catch (error) {
            if (stopped) return;
            if (String(error).includes("NOGROUP")) {
              // Redis came back empty: the stream and group are new, so every entry in it is one this group missed.
              await createGroup(reader, group, "0").catch(onError);
            } else {
              onError(error);
              await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
            }
            cursor = "0";
          }
        }
      };

      const timer = setInterval(() => void heartbeat(group).catch(onError), heartbeatMs);
      timer.unref();
      void read();
      const stop = async () => {
        stopped = true;
        clearInterval(timer);
        stops.delete(stop);
        // Not QUIT: a read blocked for a second would hold it, and what is unacknowledged stays pending anyway.
        reader.disconnect();
      };
      stops.add(stop);
      return stop;
    },

    ping: () => pingNow(writer),

    async close() {
      await Promise.all([...stops].map((stop) => stop()));
      await closeConnection(writer);
    },
  };
}
