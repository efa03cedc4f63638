import { parseEventStream } from "@slipstream/client";
import { type StreamPart, streamPartSchema } from "@slipstream/protocol";

/** What one SSE follower saw: every part in order, whether `[DONE]` came, and how the response ended. */
export type SseFollower = {
  parts: StreamPart[];
  readonly sawDone: boolean;
  /** Settles when the response ends: `done` after `[DONE]`, `cut` when it ended without one, else the HTTP status. */
  ended: Promise<"done" | "cut" | number>;
  text(): string;
};

/** Follows a stream over SSE once, without reconnecting, and records exactly what arrives. */
export async function followSse({
  url,
  cookie,
  streamId,
}: {
  url: string;
  cookie: string;
  streamId: string;
}): Promise<SseFollower> {
  const response = await fetch(new URL(`/api/streams/${streamId}`, url), {
    headers: { cookie, accept: "text/event-stream" },
  });
  const parts: StreamPart[] = [];
  let sawDone = false;
  const ended = (async (): Promise<"done" | "cut" | number> => {
    if (!response.ok || !response.body) return response.status;
    try {
      for await (const frame of parseEventStream(response.body)) {
        if (frame.data === "[DONE]") sawDone = true;
        else parts.push(streamPartSchema.parse(JSON.parse(frame.data)));
      }
    } catch {
      return "cut";
    }
    return sawDone ? "done" : "cut";
  })();
  return {
    parts,
    get sawDone() {
      return sawDone;
    },
    ended,
    text: () => textOfParts(parts),
  };
}

export function textOfParts(parts: StreamPart[]): string {
  return parts.map((part) => (part.type === "text-delta" ? String(part.delta) : "")).join("");
}

/** The status and error code of `/readyz`. */
export async function readiness(url: string): Promise<{ status: number; code?: string; message?: string }> {
  const response = await fetch(new URL("/readyz", url));
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: body.error?.code, message: body.error?.message };
}

/** The value of one unlabelled counter or gauge of `/metrics` (0 when it has no sample yet). */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(new URL("/metrics", url))).text();
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/**
 * Sends `request` from `workers` concurrent loops until `stop` resolves, at most `limit` times in all,
 * and counts the answers by `status code` (or `network error`).
 */
export async function hammer({
  request,
  stop,
  workers = 4,
  limit = 2_000,
}: {
  request: () => Promise<Response>;
  stop: Promise<unknown>;
  workers?: number;
  limit?: number;
}): Promise<Map<string, number>> {
  const answers = new Map<string, number>();
  let stopped = false;
  let sent = 0;
  void stop.then(() => (stopped = true));
  const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1);
  const loop = async () => {
    while (!stopped && sent < limit) {
      sent += 1;
      try {
        const response = await request();
        const body = (await response.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
        count(`${response.status} ${body?.error?.code ?? "ok"}`);
      } catch {
        count("network error");
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return answers;
}

/**
 * Each fault test starts real processes (a Postgres cluster, servers, a redis-server): on a busy 2-core machine one
 * server start alone can take 15 s. The tests wait for events, not the clock; this only bounds a test that hangs.
 */
export const FAULT_TEST_TIMEOUT_MS = 120_000;
