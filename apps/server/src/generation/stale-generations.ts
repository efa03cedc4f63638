import type { Logger } from "pino";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import type { StreamLog } from "../streams/index.ts";

/**
 * Finds replies whose instance died (no sign of life for a whole lease), marks them `interrupted` with the text
 * they had checkpointed, and ends their logs with an `abort` part so that followers stop waiting. The conditional
 * update lets exactly one sweeper take each reply, however many run.
 * @example await sweepStaleGenerations({ outbox, streams, leaseMs, logger }) // embedded start-up: leaseMs 0
 */
export async function sweepStaleGenerations({
  outbox,
  streams,
  leaseMs,
  logger,
}: {
  outbox: Outbox;
  streams: StreamLog;
  /** Replies not written for this long are taken for lost; 0 takes every running reply. */
  leaseMs: number;
  logger: Pick<Logger, "warn">;
}): Promise<number> {
  const now = Date.now();
  const stale = await outbox.transaction(async (tx, record) => {
    const messages = await tx.messages.interruptStaleMessages({
      updatedBefore: new Date(now - leaseMs).toISOString(),
      now: new Date(now).toISOString(),
    });
    for (const message of messages) {
      await record({ conversationId: message.conversationId, event: conversationEvents.messageUpdated(message) });
    }
    return messages;
  });
  for (const { streamId, id } of stale) {
    if (streamId && (await streams.state({ streamId })) === "live") {
      await streams.append({ streamId, part: { type: "abort", reason: "interrupted" } });
      await streams.end({ streamId });
    }
    logger.warn({ streamId, messageId: id }, "marked a reply of a lost instance as interrupted");
  }
  return stale.length;
}
