import type { FastifyRequest } from "fastify";
import { unauthorized } from "../errors.ts";
import type { Authenticated, CredentialResolver } from "../identity/credentials.ts";
import type { Principal } from "../identity/principal.ts";

/** The principal of an HTTP request, from whatever credentials it carries. */
export function createRequestPrincipals({ credentials }: { credentials: CredentialResolver }) {
  return {
    find(request: FastifyRequest): Promise<Authenticated | undefined> {
      return credentials.resolve(request.headers);
    },
    /** The principal, or a 401 (a 403 for a disabled account). */
    async require(request: FastifyRequest): Promise<Principal> {
      const authenticated = await credentials.resolve(request.headers);
      if (!authenticated) throw unauthorized();
      return authenticated.principal;
    },
  };
}
export type RequestPrincipals = ReturnType<typeof createRequestPrincipals>;
