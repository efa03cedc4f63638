import { context, propagation, ROOT_CONTEXT, SpanKind, type Tracer } from "@opentelemetry/api";
import type { Bus, BusEvents, BusTopic } from "../bus/index.ts";

/** Where a bus message carries its W3C trace context (`traceparent`, `tracestate`); stripped before delivery. */
const TRACE_FIELD = "_trace";

/**
 * A Bus whose messages carry the publisher's trace context, so that work an event causes on another instance
 * (pushing it to sockets, stopping a generation) belongs to the same trace; each delivery is a consumer span.
 */
export function traceBus({ bus, tracer }: { bus: Bus; tracer: Tracer }): Bus {
  return {
    publish(topic, payload) {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return bus.publish(topic, { ...payload, [TRACE_FIELD]: carrier });
    },
    subscribe<T extends BusTopic>(topic: T, handler: (payload: BusEvents[T]) => void) {
      return bus.subscribe(topic, (message) => {
        const { [TRACE_FIELD]: carrier, ...payload } = message as BusEvents[T] & {
          [TRACE_FIELD]?: Record<string, string>;
        };
        const parent = carrier ? propagation.extract(ROOT_CONTEXT, carrier) : context.active();
        tracer.startActiveSpan(`bus ${topic}`, { kind: SpanKind.CONSUMER }, parent, (span) => {
          try {
            handler(payload as unknown as BusEvents[T]);
          } finally {
            span.end();
          }
        });
      });
    },
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}
