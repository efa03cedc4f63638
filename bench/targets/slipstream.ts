import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@slipstream/client";
import { inBatches } from "../load/batches.ts";
import { decodeUiPart } from "../load/decoders.ts";
import { callJson } from "../load/http.ts";
import type { StreamOutcome, StreamRecord } from "../load/stream-record.ts";
import { onCleanup } from "../process/cleanup.ts";
import { type Child, startChild } from "../process/spawn.ts";
import { FAKE_MODEL, promptFor, type ReplyShape } from "../reply.ts";
import { streamOverSse } from "./sse-stream.ts";

const ENTRY = new URL("../peers/slipstream.ts", import.meta.url).pathname;
/** Registering is slow on purpose (argon2), so a few users are registered once and their sessions shared. */
const USERS = 4;
/**
 * Each reply of a conversation adds two messages, and a send reads the whole conversation: clients move to a new
 * conversation after this many replies, so that long benchmarks do not measure ever-growing conversations.
 */
const REPLIES_PER_CONVERSATION = 16;

export const SLIPSTREAM_MODEL = `local/${FAKE_MODEL}`;

export type SlipstreamInstance = { label: string; child: Child; url: string; cookies: string[]; usesRedis: boolean };

/** Starts Slipstream in its own process on a fresh DATA_DIR, answered by the fake provider, with users signed in. */
export async function startSlipstream({
  label,
  providerUrl,
  env = {},
  execArgv,
  entry = ENTRY,
}: {
  label: string;
  providerUrl: string;
  env?: Record<string, string>;
  execArgv?: string[];
  /** Another checkout's `bench/peers/slipstream.ts`, to compare two versions side by side. */
  entry?: string;
}): Promise<SlipstreamInstance> {
  const dataDir = await mkdtemp(join(tmpdir(), "slipstream-bench-"));
  onCleanup(`data of slipstream (${label})`, () => rm(dataDir, { recursive: true, force: true }));
  const child = await startChild({
    name: `slipstream (${label})`,
    entry,
    execArgv,
    env: {
      NODE_ENV: "production",
      SESSION_SECRET: "bench-session-secret-of-at-least-32-characters",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      // Fastify logs two lines per request at `info`; the bench measures streaming, not logging.
      LOG_LEVEL: "warn",
      // One bench client sends two frames per reply, back to back in the unpaced runs: up to ~100 frames/s, over
      // the default per-socket limit of 50 that protects against flooding, which the bench does not measure.
      WS_MAX_FRAMES_PER_SECOND: "1000",
      // Production requires a master key for users' provider keys; the bench stores none.
      KEYS_MASTER_KEY: "YmVuY2gtbWFzdGVyLWtleS1vZi0zMi1ieXRlcyEhISE=",
      // The bench's clients share accounts and run far more generations at once than a person's limits allow.
      USER_MAX_CONCURRENT_GENERATIONS: "1000000",
      USER_REQUESTS_PER_MINUTE: "100000000",
      // Every bench client comes from 127.0.0.1, and its seats share accounts: the per-address and per-user caps
      // that hold off one abusive client would hold off the whole bench.
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: "1000000",
      WS_MAX_SOCKETS_PER_USER: "1000000",
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: "1000000",
      MAX_REPLY_BYTES: String(1024 * 1024 * 1024),
      // At 1,000 closed-loop clients on two cores a send waits its turn for about 20 s before its body is read; the
      // 30 s guard against slow uploads would answer the tail 408, a limit of this machine, not of the streams.
      HTTP_REQUEST_TIMEOUT_MS: "120000",
      OPENAI_COMPATIBLE_BASE_URL: `${providerUrl}/v1`,
      OPENAI_COMPATIBLE_NAME: "local",
      DEFAULT_MODEL: SLIPSTREAM_MODEL,
      ...env,
    },
  });
  const cookies = await Promise.all(
    Array.from({ length: USERS }, async (_, index) => {
      const client = createClient({ baseUrl: child.url });
      await client.auth.register({ email: `bench-${index}@bench.test`, password: "a long bench passphrase" });
      return client.transport.cookieHeader();
    }),
  );
  return { label, child, url: child.url, cookies, usesRedis: env.REDIS_URL !== undefined };
}

export async function createConversation(instance: SlipstreamInstance, cookie: string): Promise<string> {
  const { conversation } = await callJson<{ conversation: { id: string } }>(`${instance.url}/api/conversations`, {
    headers: { cookie },
    body: { model: SLIPSTREAM_MODEL },
  });
  return conversation.id;
}

/** A client's place to send from: a user session and a conversation it replaces every few replies. */
export type Seat = { cookie: string; conversationId: string; replies: number };

export async function takeSeats(instance: SlipstreamInstance, count: number): Promise<Seat[]> {
  return inBatches(count, async (index) => {
    const cookie = instance.cookies[index % instance.cookies.length] as string;
    return { cookie, conversationId: await createConversation(instance, cookie), replies: 0 };
  });
}

/** The conversation to send the next reply in (a fresh one after REPLIES_PER_CONVERSATION). */
export async function conversationFor(instance: SlipstreamInstance, seat: Seat): Promise<string> {
  if (seat.replies >= REPLIES_PER_CONVERSATION) {
    seat.conversationId = await createConversation(instance, seat.cookie);
    seat.replies = 0;
  }
  seat.replies += 1;
  return seat.conversationId;
}

/** The body of a send: a new root (`parentId: null`), so that the provider sees one message whatever came before. */
export const sendBody = (shape: ReplyShape) => ({ content: promptFor(shape), model: SLIPSTREAM_MODEL, parentId: null });

/** Starts a reply over REST and returns its stream id. */
export async function sendOverRest(instance: SlipstreamInstance, seat: Seat, shape: ReplyShape): Promise<string> {
  const conversationId = await conversationFor(instance, seat);
  const { streamId } = await callJson<{ streamId: string }>(
    `${instance.url}/api/conversations/${conversationId}/messages`,
    { headers: { cookie: seat.cookie }, body: sendBody(shape) },
  );
  return streamId;
}

/** Sends a message and reads its reply's stream in the same request (`Accept: text/event-stream`). */
export async function sendAndFollowOverSse(
  instance: SlipstreamInstance,
  { seat, shape, record }: { seat: Seat; shape: ReplyShape; record: StreamRecord },
): Promise<StreamOutcome> {
  const conversationId = await conversationFor(instance, seat);
  return streamOverSse({
    url: `${instance.url}/api/conversations/${conversationId}/messages`,
    headers: { cookie: seat.cookie, accept: "text/event-stream" },
    body: JSON.stringify(sendBody(shape)),
    decoder: decodeUiPart,
    record,
  });
}

/** Follows a stream over SSE from `after` (Last-Event-ID); `agent: false` makes it a fresh connection. */
export function followOverSse(
  instance: SlipstreamInstance,
  {
    cookie,
    streamId,
    after = 0,
    record,
    agent,
    signal,
  }: {
    cookie: string;
    streamId: string;
    after?: number;
    record: StreamRecord;
    agent?: false;
    signal?: AbortSignal;
  },
): Promise<StreamOutcome> {
  return streamOverSse({
    url: `${instance.url}/api/streams/${streamId}`,
    method: "GET",
    headers: { cookie, accept: "text/event-stream", "last-event-id": String(after) },
    decoder: decodeUiPart,
    record,
    agent,
    signal,
  });
}
