import type { IncomingMessage } from "node:http";
import { isOwnOrigin, type OwnOrigins } from "../http/own-origins.ts";

/** Whether a WebSocket upgrade comes from a page of ours; a missing origin is refused (see `isOwnOrigin`). */
export function isAllowedOrigin(request: IncomingMessage, own: OwnOrigins): boolean {
  return isOwnOrigin({
    origin: request.headers.origin,
    host: request.headers.host,
    encrypted: "encrypted" in request.socket && request.socket.encrypted === true,
    own,
  });
}
