import { WEBHOOK_EVENT_TYPES, type Webhook, type WebhookEventType } from "@slipstream/protocol";
import { type FormEvent, useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { ExpandableList } from "./ExpandableList.tsx";
import { Feedback } from "./Feedback.tsx";
import { Field } from "./Field.tsx";
import { errorMessage, formatWhen } from "./format.ts";
import { SecretCard } from "./SecretCard.tsx";
import { useFeedback } from "./use-feedback.ts";
import { useLoad } from "./use-load.ts";

function Deliveries({ webhook }: { webhook: Webhook }) {
  const client = useClient();
  const {
    data: deliveries,
    error,
    reload,
  } = useLoad(useCallback(() => client.webhooks.deliveries(webhook.id), [client, webhook.id]));
  const [retryError, setRetryError] = useState<string>();
  const retry = async (deliveryId: string) => {
    try {
      await client.webhooks.retry(webhook.id, deliveryId);
      await reload();
    } catch (failure) {
      setRetryError(errorMessage(failure));
    }
  };
  if (error || retryError) return <p className="settings-status error">{error ?? retryError}</p>;
  if (!deliveries) return null;
  if (deliveries.length === 0) return <p className="settings-empty">No deliveries yet.</p>;
  return (
    <table className="settings-table" aria-label={`Deliveries to ${webhook.url}`}>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Created</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td className="mono">{delivery.event}</td>
            <td>{formatWhen(delivery.createdAt)}</td>
            <td title={delivery.error ?? undefined}>
              {delivery.status}
              {delivery.responseStatus ? ` (HTTP ${delivery.responseStatus})` : ""}
            </td>
            <td>{delivery.attempts}</td>
            <td className="row-actions">
              <button type="button" className="button small" onClick={() => void retry(delivery.id)}>
                Send again
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Outbound webhooks: a URL gets signed events as they happen, retried for a day while it is down. */
export function WebhooksSection() {
  const client = useClient();
  const { data: webhooks, error: loadError, reload } = useLoad(useCallback(() => client.webhooks.list(), [client]));
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>(["message.completed"]);
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const { feedback, setFeedback, run } = useFeedback();

  const toggle = (type: WebhookEventType) =>
    setEvents((current) => (current.includes(type) ? current.filter((one) => one !== type) : [...current, type]));
  const create = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const { webhook, secret } = await client.webhooks.create({ url, events });
      setCreated({ url: webhook.url, secret });
      setUrl("");
      setFeedback(undefined);
      await reload();
    });
  };
  const remove = (id: string) =>
    run(async () => {
      await client.webhooks.remove(id);
      await reload();
    });

  return (
    <div className="settings-stack">
      <form className="settings-card" onSubmit={(event) => void create(event)}>
        <h2>Subscribe a URL</h2>
        <p className="settings-hint">
          Events are POSTed as JSON, signed the Standard Webhooks way (<code>webhook-signature</code>).
        </p>
        <Field label="Receiver URL">
          <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} required />
        </Field>
        <fieldset className="event-choices">
          <legend>Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} /> {type}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button primary" disabled={events.length === 0}>
          Subscribe
        </button>
        <Feedback message={feedback} />
      </form>
      {created && (
        <SecretCard
          title={`Copy the signing secret for ${created.url} now`}
          rows={[{ label: "Signing secret", value: created.secret }]}
          onDone={() => setCreated(undefined)}
        />
      )}
      <ExpandableList
        title="Your webhooks"
        items={webhooks?.map((webhook) => ({
          id: webhook.id,
          label: webhook.url,
          title: <span className="mono">{webhook.url}</span>,
          hint: webhook.events.join(", "),
          actions: (
            <button
              type="button"
              className="button small"
              aria-label={`Delete webhook ${webhook.url}`}
              onClick={() => void remove(webhook.id)}
            >
              Delete
            </button>
          ),
          details: () => <Deliveries webhook={webhook} />,
        }))}
        error={loadError}
        empty="No webhooks yet."
        detailsName="deliveries"
      />
    </div>
  );
}
