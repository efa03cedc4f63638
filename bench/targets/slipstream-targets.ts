import { inBatches } from "../load/batches.ts";
import { createStreamRecord } from "../load/stream-record.ts";
import { expectedTextOf } from "../reply.ts";
import { type Seat, type SlipstreamInstance, sendAndFollowOverSse, takeSeats } from "./slipstream.ts";
import { openSlipstreamSocket } from "./slipstream-socket.ts";
import type { Session, Target } from "./target.ts";

/** Slipstream over SSE as the SDK streams a reply: one `POST …/messages` with `Accept: text/event-stream`. */
export function slipstreamSseTarget(instance: SlipstreamInstance): Target {
  return {
    name: `slipstream sse (${instance.label})`,
    transport: "sse",
    process: instance.child,
    usesRedis: instance.usesRedis,
    async openSessions(count) {
      return (await takeSeats(instance, count)).map(
        (seat): Session => ({
          async stream(shape, options) {
            const record = createStreamRecord({ expectedText: expectedTextOf(shape), ...options });
            try {
              return await sendAndFollowOverSse(instance, { seat, shape, record });
            } catch (error) {
              return record.finish({ error });
            }
          },
          close: () => undefined,
        }),
      );
    },
  };
}

/** Slipstream over one WebSocket per client: a `send` frame, then `subscribe` to the accepted stream. */
export function slipstreamWsTarget(instance: SlipstreamInstance): Target {
  return {
    name: `slipstream ws (${instance.label})`,
    transport: "ws",
    process: instance.child,
    usesRedis: instance.usesRedis,
    async openSessions(count) {
      const seats = await takeSeats(instance, count);
      return inBatches(seats.length, async (index): Promise<Session> => {
        const seat = seats[index] as Seat;
        const socket = await openSlipstreamSocket(instance, seat.cookie);
        return {
          async stream(shape, options) {
            const record = createStreamRecord({ expectedText: expectedTextOf(shape), ...options });
            try {
              return await socket.follow(await socket.send(seat, shape), record);
            } catch (error) {
              return record.finish({ error });
            }
          },
          close: socket.close,
        };
      });
    },
  };
}
