import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses, and so do we, requests signed more than five minutes from now: a captured one cannot be replayed later. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 5 * 60;

/**
 * Checks Slack's v0 request signature: `v0=` and the hex HMAC-SHA256, under the app's signing secret, of
 * `v0:<x-slack-request-timestamp>:<raw body>`.
 */
export function isValidSlackSignature({
  signingSecret,
  timestamp,
  signature,
  body,
  now = new Date(),
}: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  now?: Date;
}): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS) return false;
  const expected = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
