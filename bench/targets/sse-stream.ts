import type { Agent } from "node:http";
import type { Decoder } from "../load/decoders.ts";
import { call, readText } from "../load/http.ts";
import { readSse } from "../load/sse.ts";
import type { StreamOutcome, StreamRecord } from "../load/stream-record.ts";

/** Requests an SSE reply and feeds it to `record` through `decoder`; failures become the outcome's error. */
export async function streamOverSse({
  url,
  method = "POST",
  headers = {},
  body,
  decoder,
  record,
  agent,
  signal,
}: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  decoder: Decoder;
  record: StreamRecord;
  agent?: Agent | false;
  signal?: AbortSignal;
}): Promise<StreamOutcome> {
  try {
    const { response, bytesRead } = await call(url, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body,
      agent,
      signal,
    });
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${await readText(response)}`);
    let done = false;
    await readSse(response, (data, id) => {
      done = decoder(data, record, id) || done;
    });
    if (!done) throw new Error("the stream ended without [DONE]");
    return record.finish({ wireBytes: bytesRead() });
  } catch (error) {
    return record.finish({ error });
  }
}
