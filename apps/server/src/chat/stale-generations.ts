import type { Logger } from "pino";
import type { Bus } from "../bus/index.ts";
import type { Store } from "../store/index.ts";
import type { StreamLog } from "../streams/index.ts";
import { presentMessage } from "./presenters.ts";

/**
 * Finds replies whose instance died (no sign of life for a whole lease), marks them `interrupted` with the text
 * they had checkpointed, and ends their logs with an `abort` part so that followers stop waiting. Every instance
 * sweeps; the conditional update lets exactly one of them take each reply.
 */
export function startStaleGenerationSweeper({
  store,
  streams,
  bus,
  leaseMs,
  logger,
}: {
  store: Store;
  streams: StreamLog;
  bus: Bus;
  leaseMs: number;
  logger: Logger;
}) {
  async function sweep() {
    const now = Date.now();
    const stale = await store.messages.interruptStaleMessages({
      updatedBefore: new Date(now - leaseMs).toISOString(),
      now: new Date(now).toISOString(),
    });
    for (const message of stale) {
      const { streamId } = message;
      if (!streamId) continue;
      if ((await streams.state({ streamId })) === "live") {
        await streams.append({ streamId, part: { type: "abort", reason: "interrupted" } });
        await streams.end({ streamId });
      }
      const owned = await store.messages.findMessageByStreamId({ streamId });
      if (owned) {
        await bus.publish("message.changed", {
          userId: owned.userId,
          conversationId: message.conversationId,
          message: presentMessage(message),
        });
      }
      logger.warn({ streamId, messageId: message.id }, "marked a reply of a lost instance as interrupted");
    }
  }

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.error({ err: error }, "stale generation sweep failed"));
  }, leaseMs / 3);
  timer.unref();
  return {
    sweep,
    stop() {
      clearInterval(timer);
    },
  };
}
