import { Agent, createServer, type IncomingMessage, request } from "node:http";
import { WebSocketServer } from "ws";
import { listenForBench } from "../process/agent.ts";

/**
 * The limit: a relay that does nothing but forward the provider's bytes, over SSE (`POST /v1/chat/completions`,
 * piped) and over WebSocket (`/ws`: each text frame is a chat-completions body, each provider chunk goes back as
 * one frame, and an empty frame ends the reply).
 */
const upstream = new URL(process.env.PROVIDER_URL ?? "");
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

function callProvider(body: Buffer | string, onResponse: (answer: IncomingMessage) => void) {
  const call = request(
    new URL(`${upstream.pathname}/chat/completions`, upstream),
    { method: "POST", agent, headers: { "content-type": "application/json" } },
    onResponse,
  );
  call.end(body);
  return call;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const call = callProvider(Buffer.concat(chunks), (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    call.on("error", () => res.destroy());
    res.on("close", () => call.destroy());
  });
});

const sockets = new WebSocketServer({ server, path: "/ws" });
sockets.on("connection", (socket) => {
  socket.on("message", (data) => {
    const call = callProvider(data.toString(), (answer) => {
      answer.on("data", (chunk: Buffer) => socket.send(chunk.toString("utf8")));
      answer.on("end", () => socket.send(""));
    });
    call.on("error", () => socket.close(1011));
  });
});

listenForBench(server, async () => {
  for (const socket of sockets.clients) socket.terminate();
});
