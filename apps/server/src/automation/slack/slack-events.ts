import { z } from "zod";
import { DomainError } from "../../errors.ts";
import type { JobQueue, StoreKysely } from "../../jobs/index.ts";
import type { Store } from "../../store/index.ts";
import type { SlackAnswerJob } from "./slack-answer.job.ts";
import { isValidSlackSignature } from "./slack-signature.ts";

const eventSchema = z.object({
  type: z.string(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

const envelopeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({ type: z.literal("event_callback"), team_id: z.string(), event_id: z.string(), event: eventSchema }),
]);

/** `<@U123>` mentions of the app, left out of what the model is asked. */
const MENTION = /<@[A-Z0-9]+>/g;

/**
 * The Events API endpoint's work, kept to a few database writes so that Slack gets its acknowledgement well
 * within 3 seconds: the answer itself is a job. Each `event_id` is recorded once, so Slack's retries of an event
 * (`x-slack-retry-num`) are acknowledged and not answered again.
 */
export function createSlackEvents({
  store,
  jobs,
  answerJob,
  signingSecret,
}: {
  store: Store;
  jobs: JobQueue;
  answerJob: SlackAnswerJob;
  signingSecret: string;
}) {
  return {
    async receive({
      body,
      headers,
    }: {
      body: string;
      headers: Record<string, string | string[] | undefined>;
    }): Promise<{ challenge?: string }> {
      const valid = isValidSlackSignature({
        signingSecret,
        timestamp: header(headers["x-slack-request-timestamp"]),
        signature: header(headers["x-slack-signature"]),
        body,
      });
      if (!valid) throw new DomainError("invalid_signature", "The Slack signature is missing, wrong or too old.");
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new DomainError("invalid_json", "The body is not valid JSON.");
      }
      const envelope = envelopeSchema.safeParse(parsed);
      // Event types this app does not handle are acknowledged, or Slack would keep retrying them.
      if (!envelope.success) return {};
      if (envelope.data.type === "url_verification") return { challenge: envelope.data.challenge };
      const { team_id: teamId, event_id: eventId, event } = envelope.data;
      const answered = event.type === "app_mention" || (event.type === "message" && event.channel_type === "im");
      // The app's own posts and edits come back as message events: answering them would loop.
      if (!answered || event.bot_id || event.subtype || !event.channel || !event.ts) return {};
      const text = (event.text ?? "").replace(MENTION, "").trim();
      if (text === "") return {};
      await store.transaction(async (tx) => {
        if (!(await tx.slack.recordEvent({ eventId, now: new Date().toISOString() }))) return;
        await jobs.enqueue(
          answerJob,
          { teamId, channel: event.channel as string, threadTs: event.thread_ts ?? (event.ts as string), text },
          { tx: tx.handle as StoreKysely },
        );
      });
      return {};
    },
  };
}
export type SlackEvents = ReturnType<typeof createSlackEvents>;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
