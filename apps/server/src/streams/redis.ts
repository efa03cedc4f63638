import type { StreamEvent } from "@slipstream/protocol";
import type { Redis } from "ioredis";
import { closeConnection } from "../redis/close-connection.ts";
import { connectRedis, redisTls } from "../redis/connect.ts";
import { partJson } from "./part-json.ts";
import { createNotifications } from "./redis-notifications.ts";
import { createSharedPages, type Entry, type Page } from "./redis-pages.ts";
import type { StreamLog, StreamState } from "./types.ts";

/** A live reader reads again at least this often, notified or not, and notices a log that was lost. */
const RECHECK_MS = 1_000;
const PAGE = 500;

// Each log is a Redis Stream whose entry ids are `<seq>-0`, plus a hash holding `state` and the last `seq`.
// Both keys share the `{streamId}` hash tag, so a cluster keeps them (and the scripts touching them) on one shard.
// `end` adds a terminal marker entry `<lastSeq>-1`, which sorts after every part and wakes blocked readers.
const CREATE = `
if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("DEL", KEYS[2])
redis.call("HSET", KEYS[1], "state", "live", "seq", 0)
return 1`;

const APPEND = `
local state = redis.call("HGET", KEYS[1], "state")
if not state then return -1 end
if state ~= "live" then return -2 end
local seq = redis.call("HINCRBY", KEYS[1], "seq", 1)
redis.call("XADD", KEYS[2], seq .. "-0", "part", ARGV[1])
redis.call("PUBLISH", ARGV[2], seq)
return seq`;

const END = `
if redis.call("HGET", KEYS[1], "state") ~= "live" then return 0 end
local seq = redis.call("HGET", KEYS[1], "seq")
redis.call("HSET", KEYS[1], "state", "ended")
redis.call("XADD", KEYS[2], seq .. "-1", "end", "1")
redis.call("PEXPIRE", KEYS[1], ARGV[1])
redis.call("PEXPIRE", KEYS[2], ARGV[1])
redis.call("PUBLISH", ARGV[2], seq)
return 1`;

type Scripts = {
  slipstreamCreate(meta: string, stream: string): Promise<number>;
  slipstreamAppend(meta: string, stream: string, part: string, channel: string): Promise<number>;
  slipstreamEnd(meta: string, stream: string, retentionMs: number, channel: string): Promise<number>;
};

const keysOf = (streamId: string) => {
  const stream = `slipstream:stream:{${streamId}}`;
  return { stream, meta: `${stream}:meta`, channel: `${stream}:appended` };
};

/**
 * The scale-out stream log over Redis Streams: any instance can append to or read any log.
 * Sequence numbers are assigned inside a Lua script, so they stay exact across instances.
 */
export async function createRedisStreamLog({
  url,
  caFile,
  retentionMs,
  onError = (error) => process.emitWarning(error instanceof Error ? error : String(error)),
}: {
  url: string;
  caFile?: string;
  retentionMs: number;
  /** Receives connection errors that ioredis reports outside a command. */
  onError?: (error: unknown) => void;
}): Promise<StreamLog> {
  const redis = connectRedis(url, onError, redisTls(caFile)) as Redis & Scripts;
  redis.defineCommand("slipstreamCreate", { numberOfKeys: 2, lua: CREATE });
  redis.defineCommand("slipstreamAppend", { numberOfKeys: 2, lua: APPEND });
  redis.defineCommand("slipstreamEnd", { numberOfKeys: 2, lua: END });
  await redis.ping();

  // Live readers wait for a notification that their log grew. One subscriber connection per instance carries
  // them all, however many streams are followed (a blocking XREAD per reader would take a connection each).
  const notifications = createNotifications(() => connectRedis(url, onError, redisTls(caFile)), onError);
  let closed = false;
  // `(` makes the start exclusive: everything after the last event delivered, a page at a time.
  const readPage = createSharedPages(
    async (stream, afterId, count) => (await redis.xrange(stream, `(${afterId}`, "+", "COUNT", count)) as Entry[],
  );

  return {
    async create({ streamId }) {
      const { meta, stream } = keysOf(streamId);
      if ((await redis.slipstreamCreate(meta, stream)) === 0) throw new Error(`Stream ${streamId} already exists`);
    },

    async append({ streamId, part }) {
      const { meta, stream, channel } = keysOf(streamId);
      const seq = await redis.slipstreamAppend(meta, stream, partJson(part), channel);
      if (seq === -1) throw new Error(`Stream ${streamId} does not exist`);
      if (seq === -2) throw new Error(`Stream ${streamId} has ended`);
      return seq;
    },

    async end({ streamId }) {
      const { meta, stream, channel } = keysOf(streamId);
      await redis.slipstreamEnd(meta, stream, Math.max(1, Math.ceil(retentionMs)), channel);
    },

    async state({ streamId }): Promise<StreamState | undefined> {
      const state = await redis.hget(keysOf(streamId).meta, "state");
      return state === "live" || state === "ended" ? state : undefined;
    },

    async *read({ streamId, after, signal }): AsyncGenerator<StreamEvent> {
      const { meta, stream, channel } = keysOf(streamId);
      if (closed || !(await redis.exists(meta))) return;
      let lastId = `${after}-0`;

      // Subscribe before the first read, so that an append between a read and the wait after it is not missed.
      const waiter = await notifications.follow(channel);
      try {
        while (!signal?.aborted && !closed) {
          let page: Page;
          try {
            page = await readPage(stream, lastId, PAGE);
          } catch (error) {
            if (signal?.aborted || closed) return;
            throw new Error(`Reading stream ${streamId} failed`, { cause: error });
          }
          for (const event of page.events) {
            yield event;
            if (signal?.aborted) return;
          }
          if (page.lastId) lastId = page.lastId;
          if (page.ended) return;
          if (page.full) continue;
          const notified = await waiter.next({ timeoutMs: RECHECK_MS, signal });
          // A log expires only after its end marker, so a live log gone from under a reader was lost (Redis
          // restarted empty): fail, so that the reader does not take a cut-off answer for a whole one.
          if (!notified && !signal?.aborted && !closed && !(await redis.exists(meta))) {
            throw new Error(`Stream ${streamId} was lost while being read`);
          }
        }
      } finally {
        waiter.stop();
      }
    },

    async close() {
      closed = true;
      await notifications.close();
      await closeConnection(redis);
    },
  };
}
