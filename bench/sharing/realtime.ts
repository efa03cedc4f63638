import type { ServerFrame } from "@slipstream/protocol";
import { rawTestSocket, signedInClient, type TestServer } from "../../apps/server/test/support.ts";
import { quantiles } from "./quantiles.ts";

type Socket = Awaited<ReturnType<typeof rawTestSocket>>;

function waitFor(socket: Socket, match: (frame: ServerFrame) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      if (!match(JSON.parse(String(data)))) return;
      socket.socket.off("message", onMessage);
      resolve(performance.now());
    };
    socket.socket.on("message", onMessage);
  });
}

/**
 * `members` people watch one conversation; the owner sends `rounds` messages: the time from the send to each
 * watcher's `message` frame of the new user message (the fan-out through the outbox, relay and bus).
 */
export async function measureFanout({
  server,
  members,
  rounds,
}: {
  server: TestServer;
  members: number;
  rounds: number;
}) {
  const owner = await signedInClient(server.url, "owner");
  const conversation = await owner.client.conversations.create({ title: "Fan-out", model: "demo/echo" });
  const sockets: Socket[] = [];
  for (let index = 0; index < members; index += 1) {
    const member = await signedInClient(server.url, `member${index}`);
    await owner.client.members.add(conversation.id, { email: member.email, role: "viewer" });
    const socket = await rawTestSocket(server.url, member.client.transport.cookieHeader());
    const ready = waitFor(socket, (frame) => frame.type === "ok");
    socket.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, requestId: "w" }));
    await ready;
    sockets.push(socket);
  }
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const content = `round ${round}`;
    const arrivals = sockets.map((socket) =>
      waitFor(socket, (frame) => frame.type === "message" && frame.message.content === content),
    );
    const started = performance.now();
    await owner.client.messages.send(conversation.id, { content, parentId: null });
    for (const arrived of await Promise.all(arrivals)) latencies.push(arrived - started);
  }
  for (const socket of sockets) socket.socket.close();
  return { members, rounds, ...quantiles(latencies) };
}

/** A watcher reconnecting with `after` behind `events` events: the time until the replay is all there (`ok`). */
export async function measureReplay({ server, events }: { server: TestServer; events: number }) {
  const owner = await signedInClient(server.url, "owner");
  const conversation = await owner.client.conversations.create({ title: "Replay", model: "demo/echo" });
  for (let version = 1; version < events; version += 1) {
    await owner.client.conversations.update(conversation.id, { title: `Rename ${version}` });
  }
  const timings: number[] = [];
  for (const after of [0, Math.floor(events / 2), events - 10]) {
    const socket = await rawTestSocket(server.url, owner.client.transport.cookieHeader());
    const done = waitFor(socket, (frame) => frame.type === "ok");
    const started = performance.now();
    socket.socket.send(JSON.stringify({ type: "watch", conversationId: conversation.id, after, requestId: "w" }));
    timings.push((await done) - started);
    socket.socket.close();
  }
  const [all, half, tail] = timings.map((ms) => Math.round(ms * 10) / 10);
  return { events, replayAllMs: all, replayHalfMs: half, replayLast10Ms: tail };
}
