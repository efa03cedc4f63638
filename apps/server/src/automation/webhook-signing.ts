import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The headers of a signed Standard Webhooks request. */
export function signedHeaders({ secret, id, body, at }: { secret: string; id: string; body: string; at: Date }) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

/** The sealed secret's context: a sealed value copied to another row does not open. */
export const secretContext = (kind: "trigger" | "webhook", id: string) => `${kind}:${id}`;
