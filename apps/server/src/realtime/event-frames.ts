import type { Duplex } from "node:stream";
import type { StreamEvent } from "@slipstream/protocol";
import type { WebSocket } from "ws";
import { partJson } from "../streams/part-json.ts";

/**
 * The `event` frame of a log's event, as `JSON.stringify` of `{ type, streamId, seq, part }` writes it, built
 * around the part's JSON: that is encoded once for every follower of the log on this instance.
 */
export const eventFrame = (streamId: string, { seq, part }: StreamEvent) =>
  `{"type":"event","streamId":${JSON.stringify(streamId)},"seq":${seq},"part":${partJson(part)}}`;

/**
 * Past this many corked bytes a batch goes to the kernel at once: a replayed backlog (thousands of events in one
 * tick) must not sit in the process, where it would count as unsent and close a client that reads quite well.
 */
const MAX_BATCH_BYTES = 64 * 1024;

/**
 * Frames sent to one socket within a tick leave in one write: the first frame corks the TCP socket under the
 * WebSocket and the next turn of the event loop uncorks it. `ws` corks around each frame it writes itself, and
 * corks nest, so its frames wait for ours. Backpressure is unchanged: corked bytes count in `bufferedAmount`, which
 * the sender checks before every frame. (`ws` keeps its socket as `_socket`; it has no public accessor.)
 */
export function createFrameBatching(socket: WebSocket) {
  let held = false;
  const raw = () => (socket as unknown as { _socket?: Duplex | null })._socket ?? undefined;
  const release = () => {
    held = false;
    const tcp = raw();
    if (tcp && !tcp.destroyed && tcp.writableCorked > 0) tcp.uncork();
  };
  return {
    /** Holds this tick's frames back until the next turn of the event loop. */
    hold() {
      const tcp = raw();
      if (!tcp || tcp.destroyed) return;
      if (held) {
        if (tcp.writableLength < MAX_BATCH_BYTES) return;
        tcp.uncork();
        tcp.cork();
        return;
      }
      held = true;
      tcp.cork();
      setImmediate(release);
    },
  };
}
