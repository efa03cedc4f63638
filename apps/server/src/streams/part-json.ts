import type { StreamPart } from "@slipstream/protocol";

const encoded = new WeakMap<StreamPart, string>();

/**
 * The JSON of a logged part, computed once however many followers send it: every reader of a log on this instance
 * gets the same part object (the memory log keeps them; the Redis log shares what it parsed), so the text is kept
 * beside the object and goes when it does.
 */
export function partJson(part: StreamPart): string {
  let json = encoded.get(part);
  if (json === undefined) {
    json = JSON.stringify(part);
    encoded.set(part, json);
  }
  return json;
}

/** Parses a part read from a log, remembering the text it came from as its JSON. */
export function parsePart(json: string): StreamPart {
  const part = JSON.parse(json) as StreamPart;
  encoded.set(part, json);
  return part;
}
