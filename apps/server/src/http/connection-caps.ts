import type { Server } from "node:http";
import { BlockList, isIPv6, type Socket } from "node:net";

const REFUSAL_BODY = JSON.stringify({
  error: { code: "rate_limited", message: "Too many open connections from your address. Close some and retry." },
});
const REFUSAL =
  "HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 1\r\nContent-Type: application/json\r\n" +
  `Content-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`;

/** The proxies in TRUST_PROXY (addresses, CIDR ranges), which carry everyone's connections and so have no cap. */
export function trustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIPv6(address) ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * Caps the open connections of one client address, so that one address cannot hold every socket the server has.
 * A connection over the cap gets a 429 and is closed before any request is read.
 */
export function capConnectionsPerAddress(
  server: Server,
  { maxPerAddress, exempt }: { maxPerAddress: number; exempt: BlockList },
) {
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address || exempt.check(address, isIPv6(address) ? "ipv6" : "ipv4")) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      socket.end(REFUSAL);
      socket.destroySoon();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
