import type { IncomingMessage } from "node:http";

export type SseListener = (data: string, id: string | undefined, rawLength: number) => void;

/**
 * A lean `text/event-stream` splitter for the load generator, which must not become the bottleneck: it keeps only
 * the `id` and the joined `data` of each event, and how many characters of the stream the event took (for
 * resuming by character offset). Chunks may split events anywhere.
 */
export function createSseParser(onEvent: SseListener) {
  let buffer = "";
  return (chunk: string) => {
    buffer += chunk.includes("\r") ? chunk.replace(/\r\n?/g, "\n") : chunk;
    for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | undefined;
      let data: string | undefined;
      for (const line of block.split("\n")) {
        if (line.startsWith("data:")) {
          const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
          data = data === undefined ? value : `${data}\n${value}`;
        } else if (line.startsWith("id:")) id = line.slice(line.charCodeAt(3) === 32 ? 4 : 3);
      }
      if (data !== undefined) onEvent(data, id, end + 2);
    }
  };
}

/** Feeds a response body to `onEvent` and resolves when it ends (rejects when the connection breaks). */
export function readSse(res: IncomingMessage, onEvent: SseListener) {
  const push = createSseParser(onEvent);
  res.setEncoding("utf8");
  return new Promise<void>((resolve, reject) => {
    res.on("data", push);
    res.once("end", resolve);
    res.once("error", reject);
    res.once("aborted", () => reject(new Error("the stream was cut")));
    res.once("close", () => reject(new Error("the connection closed")));
  });
}
