import { writeFile } from "node:fs/promises";
import { protocolJsonSchema } from "../packages/protocol/src/json-schema.ts";

const target = new URL("../packages/protocol/protocol.schema.json", import.meta.url);
await writeFile(target, `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
