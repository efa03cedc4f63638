import type { JobEvent } from "./types.ts";

/**
 * Wraps the caller's `onEvent` so that a throwing metrics hook cannot break the queue. Without a hook,
 * errors and warnings become process warnings, as the store does with pool errors.
 */
export function createEmitter(onEvent?: (event: JobEvent) => void): (event: JobEvent) => void {
  return (event) => {
    if (onEvent === undefined) {
      if (event.type === "error") process.emitWarning(event.error);
      if (event.type === "warning") process.emitWarning(event.message);
      return;
    }
    try {
      onEvent(event);
    } catch (error) {
      process.emitWarning(new Error(`The job queue's onEvent hook threw on a ${event.type} event`, { cause: error }));
    }
  };
}
