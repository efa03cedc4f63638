import { tracingChannel } from "node:diagnostics_channel";
import { type Span, SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";

/** What ioredis publishes on its `ioredis:command` tracing channel; arguments are left out (they hold user text). */
type CommandContext = { command: string; database?: number; serverAddress?: string; serverPort?: number };

/** Spans for every Redis command, from ioredis' own tracing channel; returns the unsubscribe. */
export function traceRedisCommands(tracer: Tracer): () => void {
  const channel = tracingChannel<object, CommandContext>("ioredis:command");
  const spans = new WeakMap<object, Span>();
  const finish = (context: CommandContext, failed: boolean) => {
    const span = spans.get(context);
    if (!span) return;
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    spans.delete(context);
  };
  const handlers = {
    start(context: CommandContext) {
      spans.set(
        context,
        tracer.startSpan(`redis ${context.command}`, {
          kind: SpanKind.CLIENT,
          attributes: {
            "db.system.name": "redis",
            "db.operation.name": context.command,
            ...(context.serverAddress ? { "server.address": context.serverAddress } : {}),
            ...(context.serverPort ? { "server.port": context.serverPort } : {}),
          },
        }),
      );
    },
    asyncEnd: (context: CommandContext) => finish(context, false),
    error: (context: CommandContext) => finish(context, true),
  };
  // The channel's typings take any message; ioredis always sends a CommandContext on this one.
  const subscribers = handlers as unknown as Parameters<typeof channel.subscribe>[0];
  channel.subscribe(subscribers);
  return () => channel.unsubscribe(subscribers);
}
