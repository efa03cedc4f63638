import type { ServerFrame } from "@slipstream/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "./fleet.ts";
import { seededRandom } from "./seeded-random.ts";
import { eventually, FAKE_MODEL, newClient, rawTestSocket, signedInClient } from "./support.ts";

/** Reconnects over the run, across both watchers; the "done when" asks for at least 300. */
const RECONNECTS = 300;
const SEED = Number(process.env.RECONNECT_SEED ?? 20_261_202);

const fleet = await startFleet({ USER_MAX_CONCURRENT_GENERATIONS: "64" });

if ("skip" in fleet) {
  console.log(`reconnect property test skipped: ${fleet.skip}`);
  describe.skip(`watchers reconnecting at random on two instances (skipped: ${fleet.skip})`, () => {});
} else {
  const { a, b } = fleet;
  afterAll(() => fleet.stop());

  type Versioned = { version: number; type: string };

  /** Resolves with the first frame from now on that `matches`. */
  const nextFrame = (
    socket: Awaited<ReturnType<typeof rawTestSocket>>["socket"],
    matches: (frame: ServerFrame) => boolean,
  ) =>
    new Promise<void>((resolve) => {
      const onMessage = (data: unknown) => {
        if (!matches(JSON.parse(String(data)))) return;
        socket.off("message", onMessage);
        resolve();
      };
      socket.on("message", onMessage);
    });

  const quantile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

  describe("watchers reconnecting at random on two instances", () => {
    it(`replays every watcher the outbox exactly, version for version, over ${RECONNECTS} reconnects (seed ${SEED})`, async () => {
      const owner = await signedInClient(a.url, "owner");
      const member = await signedInClient(a.url, "member");
      const guest = await signedInClient(a.url, "guest");
      const memberOnB = newClient(b.url);
      await memberOnB.auth.login({ email: member.email, password: member.password });
      const conversation = await owner.client.conversations.create({ title: "Property", model: FAKE_MODEL });
      await owner.client.members.add(conversation.id, { email: member.email, role: "editor" });

      let reconnects = 0;
      const replayMs: number[] = [];
      let finishWriting: () => void = () => undefined;
      const written = new Promise<void>((resolve) => {
        finishWriting = resolve;
      });

      // The writer and each watcher draw from their own generator, so that a seed replays each one's choices.
      /** One watcher: connects to a random instance, resumes after its last version, takes a few events, drops. */
      const watch = async (cookie: string, random: ReturnType<typeof seededRandom>) => {
        const received: Versioned[] = [];
        const session = async () => {
          const watcher = await rawTestSocket(random.pick([a.url, b.url]), cookie);
          const after = received.at(-1)?.version ?? 0;
          const wanted = random.below(4);
          let fresh = 0;
          const enough = new Promise<void>((resolve) => {
            if (wanted === 0) resolve();
            watcher.socket.on("message", (data) => {
              if ((JSON.parse(String(data)) as ServerFrame).type !== "conversationEvent") return;
              fresh += 1;
              if (fresh >= wanted) resolve();
            });
          });
          const ok = nextFrame(watcher.socket, (frame) => frame.type === "ok" && frame.requestId === "w");
          const startedAt = performance.now();
          watcher.socket.send(
            JSON.stringify({ type: "watch", conversationId: conversation.id, after, requestId: "w" }),
          );
          await ok;
          replayMs.push(performance.now() - startedAt);
          await Promise.race([enough, written]);
          watcher.socket.close();
          await watcher.closed;
          for (const frame of watcher.frames) {
            if (frame.type === "resync") throw new Error("a watcher was told to resync");
            if (frame.type === "conversationEvent") received.push({ version: frame.version, type: frame.event.type });
          }
        };
        while (reconnects < RECONNECTS) {
          await session();
          reconnects += 1;
        }
        return { received, catchUp: session };
      };

      const writer = (async (random: ReturnType<typeof seededRandom>) => {
        let memberRole: "editor" | "viewer" = "editor";
        let guestRole: "editor" | "viewer" | undefined;
        for (let round = 0; reconnects < RECONNECTS; round += 1) {
          switch (random.below(5)) {
            case 0:
              await owner.client.conversations.update(conversation.id, { title: `Round ${round}` });
              break;
            case 1:
              await owner.client.messages.send(conversation.id, {
                content: `[[reply:owner ${round}]]`,
                parentId: null,
              });
              break;
            case 2:
              if (memberRole === "editor") {
                await memberOnB.messages.send(conversation.id, {
                  content: `[[reply:member ${round}]]`,
                  parentId: null,
                });
              }
              break;
            case 3:
              memberRole = memberRole === "editor" ? "viewer" : "editor";
              await owner.client.members.update(conversation.id, member.user.id, memberRole);
              break;
            default:
              if (guestRole === undefined) {
                guestRole = "viewer";
                await owner.client.members.add(conversation.id, { email: guest.email, role: guestRole });
              } else if (random.below(2) === 0) {
                guestRole = guestRole === "editor" ? "viewer" : "editor";
                await owner.client.members.update(conversation.id, guest.user.id, guestRole);
              } else {
                guestRole = undefined;
                await owner.client.members.remove(conversation.id, guest.user.id);
              }
          }
        }
      })(seededRandom(SEED)).finally(() => finishWriting());

      const startedAt = performance.now();
      const watchers = await Promise.all([
        watch(owner.client.transport.cookieHeader(), seededRandom(SEED + 1)),
        watch(memberOnB.transport.cookieHeader(), seededRandom(SEED + 2)),
      ]);
      await writer;
      await eventually(async () => {
        const messages = await owner.client.messages.list(conversation.id);
        expect(messages.filter((message) => message.status === "streaming")).toEqual([]);
      }, 20_000);

      const outbox: Versioned[] = [];
      for (let page = { hasMore: true, nextAfter: 0 }; page.hasMore; ) {
        const next = await owner.client.history.events(conversation.id, { after: page.nextAfter, limit: 500 });
        outbox.push(...next.events.map(({ version, event }) => ({ version, type: event.type })));
        page = next;
      }
      for (const watcher of watchers) await watcher.catchUp();

      const sorted = [...replayMs].sort((x, y) => x - y);
      console.log(
        `${reconnects} reconnects, ${outbox.length} events in ${Math.round(performance.now() - startedAt)} ms; ` +
          `replay after a reconnect p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms`,
      );
      expect(reconnects).toBeGreaterThanOrEqual(RECONNECTS);
      expect(outbox.map(({ version }) => version)).toEqual(outbox.map((_, index) => index + 1));
      for (const { received } of watchers) expect(received).toEqual(outbox);
    });
  });
}
