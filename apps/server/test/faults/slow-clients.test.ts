import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, removeDir, startServer, type TestServer } from "../support.ts";

const CAP = 10;
const CLIENTS = 30;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    HTTP_REQUEST_TIMEOUT_MS: "1000",
    HTTP_HEADERS_TIMEOUT_MS: "500",
    HTTP_MAX_CONNECTIONS_PER_ADDRESS: String(CAP),
  });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

type SlowClient = { socket: Socket; answer: () => string; closed: Promise<void> };

/** A client that declares a body and then sends one byte of it every 100 ms, from `localAddress`. */
function slowBodyClient(localAddress: string): SlowClient {
  const { port } = new URL(server.url);
  const socket = connect({ host: "127.0.0.1", port: Number(port), localAddress });
  let answer = "";
  socket.on("data", (chunk) => {
    answer += chunk.toString();
  });
  socket.on("error", () => {});
  socket.once("connect", () => {
    socket.write(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
    );
  });
  const drip = setInterval(() => socket.writable && socket.write("{"), 100);
  const closed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      clearInterval(drip);
      resolve();
    }),
  );
  return { socket, answer: () => answer, closed };
}

describe("abusive clients on loopback", () => {
  it("cuts a body that trickles in after HTTP_REQUEST_TIMEOUT_MS, and caps connections per address", async () => {
    const started = Date.now();
    const clients = Array.from({ length: CLIENTS }, () => slowBodyClient("127.0.0.1"));
    try {
      // Another address (127.0.0.2 is loopback too) is served while 127.0.0.1 holds its whole cap.
      await eventually(() =>
        expect(clients.filter((client) => client.answer().includes(" 429 "))).toHaveLength(CLIENTS - CAP),
      );
      const { port } = new URL(server.url);
      const other = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: "127.0.0.1", port: Number(port), localAddress: "127.0.0.2" }, () =>
          socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        let text = "";
        socket.on("data", (chunk) => {
          text += chunk.toString();
        });
        socket.once("close", () => resolve(text));
        socket.once("error", reject);
      });
      expect(other).toMatch(/^HTTP\/1\.1 200/);

      await Promise.all(clients.map((client) => client.closed));
      const seconds = (Date.now() - started) / 1000;
      const refused = clients.filter((client) => client.answer().includes(" 429 ")).length;
      const timedOut = clients.filter((client) => client.answer().includes(" 408 ")).length;
      console.info(
        `slow-body clients: ${refused} of ${CLIENTS} refused at connect, ${timedOut} cut with 408, all closed in ${seconds} s`,
      );
      expect(refused).toBe(CLIENTS - CAP);
      expect(timedOut).toBe(CAP);
      expect(seconds).toBeLessThan(10);
    } finally {
      for (const client of clients) client.socket.destroy();
    }
  });

  it("reads and discards the rest of a body over the limit, so the client reads its 413 and the connection lives", async () => {
    const { port } = new URL(server.url);
    const size = 2 * 1024 * 1024;
    const socket = connect({ host: "127.0.0.1", port: Number(port) });
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    const failed = new Promise<string>((resolve) => socket.once("error", (error) => resolve(String(error))));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
    );
    await eventually(() => expect(answer).toMatch(/^HTTP\/1\.1 413/));
    expect(answer).toContain("payload_too_large");
    // The client is still writing its body when the answer comes, as Node's fetch is.
    const chunk = Buffer.alloc(64 * 1024, "x");
    for (let sent = 0; sent < size; sent += chunk.length) {
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once("drain", resolve));
    }
    answer = "";
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const outcome = await Promise.race([
      failed,
      new Promise<string>((resolve) => socket.once("close", () => resolve(answer))),
    ]);
    expect(outcome).toMatch(/^HTTP\/1\.1 200/);
  });
});
