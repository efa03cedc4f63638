import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { protocolJsonSchema } from "./json-schema.ts";

describe("protocol JSON Schema", () => {
  it("is committed exactly as generated from the Zod schemas (run `npm run protocol:schema` after a change)", async () => {
    const committed = JSON.parse(await readFile(new URL("../protocol.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(protocolJsonSchema());
  });

  it("describes every client frame type", () => {
    const frames = JSON.stringify(protocolJsonSchema().$defs.ClientFrame);
    for (const type of ["subscribe", "unsubscribe", "send", "watch", "unwatch", "cancel", "ping"]) {
      expect(frames).toContain(`"const":"${type}"`);
    }
  });
});
