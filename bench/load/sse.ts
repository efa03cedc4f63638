import type { IncomingMessage } from "node:http";

/**
 * A lean `text/event-stream` splitter for the load generator, which must not become the bottleneck: it keeps only
 * the `id` and the joined `data` of each event. Chunks may split events anywhere.
 */
export function createSseParser(onEvent: (data: string, id: string | undefined) => void) {
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
      if (data !== undefined) onEvent(data, id);
    }
  };
}

/** Feeds a response body to `onEvent` and resolves when it ends (rejects when the connection breaks). */
export function readSse(res: IncomingMessage, onEvent: (data: string, id: string | undefined) => void) {
  const push = createSseParser(onEvent);
  res.setEncoding("utf8");
  return new Promise<void>((resolve, reject) => {
    res.on("data", push);
    res.once("end", resolve);
    res.once("error", reject);
    res.once("aborted", () => reject(new Error("the stream was cut")));
  });
}
