import { z } from "zod";
import { PROTOCOL_SCHEMAS } from "./schemas.ts";

/** The JSON Schema of the whole protocol, generated from the Zod schemas (never written by hand). */
export function protocolJsonSchema() {
  const definitions = Object.fromEntries(
    Object.entries(PROTOCOL_SCHEMAS).map(([name, schema]) => [
      name,
      z.toJSONSchema(schema, { unrepresentable: "any" }),
    ]),
  );
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Slipstream protocol",
    $defs: definitions,
  };
}
