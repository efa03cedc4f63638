import type { StreamEvent, StreamPart } from "@slipstream/protocol";

export type StreamState = "live" | "ended";

/**
 * The log of one generation's events. Every part gets the next sequence number (1, 2, 3, …) when it is
 * appended, before anyone reads it, so readers that attach at any offset see each event exactly once, in order.
 */
export interface StreamLog {
  /** Starts an empty, live log. */
  create(input: { streamId: string }): Promise<void>;
  /** Appends a part and returns its sequence number. */
  append(input: { streamId: string; part: StreamPart }): Promise<number>;
  /** Ends the log; it stays readable for the retention window, then disappears. */
  end(input: { streamId: string }): Promise<void>;
  state(input: { streamId: string }): Promise<StreamState | undefined>;
  /**
   * Yields every event after `after`, then the live tail, and returns when the log has ended
   * (or when `signal` aborts). Yields nothing for an unknown stream.
   */
  read(input: { streamId: string; after: number; signal?: AbortSignal }): AsyncIterable<StreamEvent>;
  close(): Promise<void>;
}
