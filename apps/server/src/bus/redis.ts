import { newId } from "../ids/new-id.ts";
import { closeConnection } from "../redis/close-connection.ts";
import { connectRedis, redisTls } from "../redis/connect.ts";
import { pingNow } from "../redis/ping-now.ts";
import { carryConversationEvents } from "./carry-conversation-events.ts";
import { createRedisEventStream } from "./event-stream.redis.ts";
import type { Bus, BusEvents, BusTopic } from "./types.ts";

const CHANNEL_PREFIX = "slipstream:bus:";

type Handler = (payload: BusEvents[BusTopic]) => void;

/**
 * The scale-out bus, so that every instance on the same Redis sees every event. Conversation events go through a
 * Redis Stream, each instance reading with a consumer group of its own: kept, acknowledged and redelivered, since
 * watchers rely on them. The other topics are Redis pub/sub, fire-and-forget: each is a nudge whose truth is in
 * the store.
 */
export async function createRedisBus({
  url,
  caFile,
  onError = (error) => process.emitWarning(error instanceof Error ? error : String(error)),
}: {
  url: string;
  caFile?: string;
  /** Receives connection errors and errors thrown by handlers, which must not break delivery. */
  onError?: (error: unknown) => void;
}): Promise<Bus> {
  const [bus, stream] = await Promise.all([
    createPubSubBus({ url, caFile, onError }),
    createRedisEventStream({ url, caFile, onError }),
  ]);
  // Groups are per process: a process that dies takes its sockets with it, and their clients resume from the outbox.
  const carried = carryConversationEvents({ bus, stream, group: `instance:${newId()}`, onError });
  await carried.ready.catch(async (error: unknown) => {
    await carried.close().catch(onError);
    throw error;
  });
  return carried;
}

/** Redis pub/sub: one connection publishes; one dedicated connection holds the subscriptions. */
async function createPubSubBus({
  url,
  caFile,
  onError,
}: {
  url: string;
  caFile?: string;
  onError: (error: unknown) => void;
}): Promise<Bus> {
  const publisher = connectRedis(url, onError, redisTls(caFile));
  const subscriber = connectRedis(url, onError, redisTls(caFile));
  await Promise.all([publisher.ping(), subscriber.ping()]);

  const handlers = new Map<string, Set<Handler>>();
  // Subscriptions still in flight; publish waits for them so a local subscribe-then-publish is never missed.
  const pending = new Set<Promise<unknown>>();

  const track = (promise: Promise<unknown>) => {
    pending.add(promise);
    promise.catch(onError).finally(() => pending.delete(promise));
  };

  subscriber.on("message", (channel: string, message: string) => {
    const set = handlers.get(channel.slice(CHANNEL_PREFIX.length));
    if (!set) return;
    let payload: BusEvents[BusTopic];
    try {
      payload = JSON.parse(message);
    } catch (error) {
      onError(new Error(`Bus message on ${channel} is not JSON`, { cause: error }));
      return;
    }
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (error) {
        onError(error);
      }
    }
  });

  return {
    ping: () => pingNow(publisher),
    async publish(topic, payload) {
      await Promise.all(pending);
      await publisher.publish(CHANNEL_PREFIX + topic, JSON.stringify(payload));
    },

    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
        track(subscriber.subscribe(CHANNEL_PREFIX + topic));
      }
      // A fresh entry per call, so subscribing the same function twice needs two unsubscribes.
      const entry: Handler = (payload) => handler(payload as never);
      set.add(entry);
      return () => {
        const current = handlers.get(topic);
        if (!current?.delete(entry) || current.size > 0) return;
        handlers.delete(topic);
        track(subscriber.unsubscribe(CHANNEL_PREFIX + topic));
      };
    },

    async close() {
      handlers.clear();
      // While Redis is away, queued (un)subscribes never settle; closing must not wait for them then.
      if (subscriber.status === "ready") await Promise.allSettled(pending);
      await Promise.all([closeConnection(publisher), closeConnection(subscriber)]);
    },
  };
}
