import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent, buildConnector, type Dispatcher, fetch as undiciFetch } from "undici";

/** Raised when an outbound request would reach an address users may not reach. */
export class UnsafeUrlError extends Error {
  readonly code = "unsafe_url";
  constructor(message: string) {
    super(message);
    this.name = "UnsafeUrlError";
  }
}

// Two lists: Node matches IPv4 addresses against IPv4-mapped IPv6 rules, which would refuse every IPv4 address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, where cloud metadata services answer
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and broadcast
] as const) {
  blockedV4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["::", 96], // IPv4-compatible
  ["::ffff:0:0", 96], // IPv4-mapped: would reach any IPv4 address, private ones included
  ["64:ff9b::", 96], // NAT64
  ["100::", 64],
  ["2001:db8::", 32],
  ["2002::", 16], // 6to4 embeds an IPv4 address
  ["fc00::", 7], // unique local, with AWS's fd00:ec2::254 metadata address
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blockedV6.addSubnet(network, prefix, "ipv6");
}

const METADATA_HOSTS = new Set(["metadata", "metadata.google.internal", "metadata.goog", "instance-data"]);

/** Whether an IP address is on the public internet: not loopback, private, link-local, CGNAT, multicast, mapped or reserved. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blockedV4.check(address, "ipv4") : !blockedV6.check(address, "ipv6");
}

type LookupFunction = typeof dnsLookup;
export type OutboundPolicy = {
  /** ALLOW_PRIVATE_BASE_URLS: skip every check (a local Ollama, the tests). */
  allowPrivate: boolean;
  /** Which resolved addresses may be reached; the public ones unless told otherwise. */
  isAllowedAddress?: (address: string) => boolean;
  /** The resolver; node:dns by default. */
  lookup?: LookupFunction;
};

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, "").toLowerCase();

function refuse(hostname: string, address?: string) {
  const where = address && address !== hostname ? `${hostname} (${address})` : hostname;
  return new UnsafeUrlError(`${where} is a loopback, private, link-local or metadata address, which is not allowed.`);
}

/**
 * An undici dispatcher that checks the address it is about to connect to, after resolution, on every connection
 * (redirects included): a name that resolved to a public address when it was saved and to a private one now
 * (DNS rebinding) is refused at connect time, before any byte is sent.
 */
export function createSafeDispatcher({
  allowPrivate,
  isAllowedAddress = isPublicAddress,
  lookup = dnsLookup,
}: OutboundPolicy): Dispatcher {
  if (allowPrivate) return new Agent();
  const checkedLookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error);
      const list = addresses as LookupAddress[];
      const refused = list.find(({ address }) => !isAllowedAddress(address));
      if (refused || list.length === 0) return callback(refuse(hostname, refused?.address));
      if (options.all) return callback(null, list);
      const [first] = list as [LookupAddress];
      callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
  const connector = buildConnector({ lookup: checkedLookup } as buildConnector.BuildOptions);
  return new Agent({
    connect(options, callback) {
      const host = bare(options.hostname);
      // Node does not call `lookup` for an IP literal, so literals are checked here.
      if ((isIP(host) && !isAllowedAddress(host)) || METADATA_HOSTS.has(host)) return callback(refuse(host), null);
      connector(options, callback);
    },
  });
}

/**
 * Refuses a URL a user gives when its host resolves (now) to an address users may not reach; it is checked again at
 * every connection by the dispatcher. Throws UnsafeUrlError.
 */
export async function assertSafeUrl(
  url: string,
  { allowPrivate, isAllowedAddress = isPublicAddress, lookup = dnsLookup }: OutboundPolicy,
) {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new UnsafeUrlError("Only http and https URLs are allowed.");
  if (allowPrivate) return;
  const host = bare(parsed.hostname);
  if (METADATA_HOSTS.has(host)) throw refuse(host);
  if (isIP(host)) {
    if (!isAllowedAddress(host)) throw refuse(host);
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(host, { all: true }, (error, found) =>
      error ? reject(new UnsafeUrlError(`${host} does not resolve.`)) : resolve(found as LookupAddress[]),
    ),
  );
  const refused = addresses.find(({ address }) => !isAllowedAddress(address));
  if (refused || addresses.length === 0) throw refuse(host, refused?.address);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers a request keeps when it follows a redirect to another origin: none that could carry a credential. */
const CROSS_ORIGIN_HEADERS = new Set(["accept", "accept-language", "user-agent", "content-type"]);

export type SafeFetchOptions = OutboundPolicy & {
  /**
   * Follow redirects to another origin, without any header but `accept`, `user-agent` and `content-type`. Off by
   * default: a provider call refuses them, so that no key reaches another host.
   */
  allowCrossOriginRedirects?: boolean;
  maxRedirects?: number;
};

/**
 * `fetch` for URLs users set (provider base URLs, and fetched pages for triggers and tools): every connection goes
 * through the safe dispatcher, and redirects are followed by hand so that each hop is checked and credentials never
 * follow a redirect to another origin.
 * @example const safeFetch = createSafeFetch({ allowPrivate: config.keys.allowPrivateBaseUrls }); await safeFetch(url)
 */
export function createSafeFetch({
  allowCrossOriginRedirects = false,
  maxRedirects = 5,
  ...policy
}: SafeFetchOptions): typeof fetch {
  const dispatcher = createSafeDispatcher(policy);
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    if (input instanceof Request) throw new TypeError("safeFetch takes a URL and init, not a Request");
    let url = new URL(input);
    let request: RequestInit = { ...init };
    for (let hop = 0; ; hop += 1) {
      if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new UnsafeUrlError("Only http and https URLs are allowed.");
      const response = (await undiciFetch(url, {
        ...(request as Parameters<typeof undiciFetch>[1]),
        redirect: "manual",
        dispatcher,
      })) as unknown as Response;
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new UnsafeUrlError(`More than ${maxRedirects} redirects.`);
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        if (!allowCrossOriginRedirects)
          throw new UnsafeUrlError(`${url.host} redirected to another host, which is not followed.`);
        const kept = [...new Headers(request.headers)].filter(([name]) => CROSS_ORIGIN_HEADERS.has(name));
        request = { ...request, headers: kept };
      }
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && request.method === "POST")
      ) {
        request = { ...request, method: "GET", body: undefined };
      }
      url = next;
    }
  }) as typeof fetch;
}
