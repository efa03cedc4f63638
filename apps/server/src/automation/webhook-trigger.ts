import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { DomainError, notFound } from "../errors.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { Store } from "../store/index.ts";
import type { TriggerRunQueue } from "./trigger-runs.ts";
import { secretContext } from "./webhook-signing.ts";

const invalidSignature = (message: string) => new DomainError("invalid_signature", message);

/**
 * Takes a call of a webhook trigger: verified the Standard Webhooks way (HMAC-SHA256 over `id.timestamp.body`,
 * a timestamp within 5 minutes), then queued as a run keyed by `webhook-id`, so a replay gets the first run back.
 */
export function createWebhookTriggerIntake({
  store,
  secrets,
  runs,
}: {
  store: Store;
  secrets: SecretBox;
  runs: TriggerRunQueue;
}) {
  return {
    async accept({
      triggerId,
      body,
      headers,
    }: {
      triggerId: string;
      body: string;
      headers: Record<string, string | string[] | undefined>;
    }): Promise<{ runId: string; replayed: boolean }> {
      const trigger = await store.triggers.findTriggerById({ id: triggerId });
      if (trigger?.kind !== "webhook" || trigger.secret === null) throw notFound("Trigger");
      const secret = secrets.open({ sealed: trigger.secret, context: secretContext("trigger", trigger.id) });
      const signed = {
        "webhook-id": single(headers["webhook-id"]),
        "webhook-timestamp": single(headers["webhook-timestamp"]),
        "webhook-signature": single(headers["webhook-signature"]),
      };
      try {
        new Webhook(secret).verify(body, signed);
      } catch (error) {
        if (error instanceof WebhookVerificationError) throw invalidSignature(`Webhook refused: ${error.message}.`);
        throw error;
      }
      if (trigger.status !== "active") throw new DomainError("conflict", "This trigger is paused.");
      const { run, created } = await runs.queueRun({
        trigger,
        dedupeKey: `hook:${signed["webhook-id"]}`,
        input: { body: parseBody(body) },
      });
      return { runId: run.id, replayed: !created };
    },
  };
}
export type WebhookTriggerIntake = ReturnType<typeof createWebhookTriggerIntake>;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** JSON fills `{{body.path}}`; any other body is offered whole as `{{body}}`. */
function parseBody(body: string): unknown {
  if (body.trim() === "") return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
