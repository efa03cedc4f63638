import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "./config.ts";
import { renderConfigurationReference, VARIABLE_DESCRIPTIONS } from "./config-reference.ts";

const DOC = join(import.meta.dirname, "../../../docs/configuration.md");

describe("docs/configuration.md", () => {
  it("describes exactly the variables of the schema", () => {
    expect(Object.keys(VARIABLE_DESCRIPTIONS).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("is what npm run docs:config generates from config.ts", async () => {
    expect(await readFile(DOC, "utf8"), "run npm run docs:config").toBe(renderConfigurationReference());
  });

  it("shows defaults and allowed values from the schema itself", () => {
    const reference = renderConfigurationReference();
    expect(reference).toContain("| `PORT` | `3000` |");
    expect(reference).toContain("| `OIDC_SCOPES` | `openid email profile` |");
    expect(reference).toMatch(/\| `LOG_LEVEL` \| `info` \| .* One of `fatal`, `error`/);
    expect(reference).toContain("| `OTEL_EXPORTER_OTLP_ENDPOINT` | unset |");
  });
});
