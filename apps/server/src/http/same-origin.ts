import type { FastifyInstance, FastifyRequest } from "fastify";
import { forbidden } from "../errors.ts";
import { isOwnOrigin, type OwnOrigins } from "./own-origins.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a browser says of a request a page of our own origin made, or one the user made by hand (the address bar). */
const OWN_FETCH_SITES = new Set(["same-origin", "none"]);

/**
 * Refuses a state-changing request that a browser sent from another origin's page, with a body or without one.
 * SameSite=Lax cookies ride along from any page of the same site (another port of the same host), so the cookie
 * alone proves nothing. A bearer credential is exempt: no browser attaches one on its own. A request with neither
 * `Origin` nor `Sec-Fetch-Site` comes from no browser (curl, the SDK in Node) and carries no ambient authority.
 */
export function registerSameOriginCheck(app: FastifyInstance, own: OwnOrigins) {
  app.addHook("onRequest", async (request) => {
    if (SAFE_METHODS.has(request.method) || hasBearer(request)) return;
    const origin = request.headers.origin;
    const site = request.headers["sec-fetch-site"];
    if (origin === undefined && site === undefined) return;
    const ours =
      origin !== undefined
        ? isOwnOrigin({ origin, host: request.headers.host, encrypted: request.protocol === "https", own })
        : OWN_FETCH_SITES.has(String(site));
    if (!ours) throw forbidden("This request came from another site's page and was refused.");
  });
}

const hasBearer = (request: FastifyRequest) => /^bearer\s/i.test(request.headers.authorization ?? "");
