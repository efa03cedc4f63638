import { createServer } from "node:http";
import { createUIMessageStreamResponse, streamText, toUIMessageStream } from "ai";
import { listenForBench } from "../process/agent.ts";
import { benchModel } from "./model.ts";
import { type ChatBody, readJson, sendWebResponse } from "./web-response.ts";

/**
 * A minimal AI SDK chat route, streamed the way the Vercel chatbot template does: `streamText` piped to a UI
 * message stream response (the standalone helpers that `result.toUIMessageStreamResponse()` now delegates to).
 */
const model = benchModel();

const server = createServer((req, res) => {
  readJson<ChatBody>(req)
    .then((body) => {
      const result = streamText({ model, messages: body.messages });
      return sendWebResponse(
        res,
        createUIMessageStreamResponse({ stream: toUIMessageStream({ stream: result.stream }) }),
      );
    })
    .catch(() => res.destroy());
});
listenForBench(server);
