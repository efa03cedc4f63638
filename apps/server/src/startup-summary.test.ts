import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { describeStartup } from "./startup-summary.ts";

describe("the start-up summary", () => {
  it("names the URLs, providers, stores and sign-ins, without any secret", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://slip:db-password@db.internal:5432/slipstream?sslmode=verify-full",
      REDIS_URL: "rediss://:redis-password@cache.internal:6380",
      OPENAI_API_KEY: "sk-secret-key",
      OPENAI_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1",
      PUBLIC_URL: "https://chat.example.com",
      OIDC_ISSUER: "https://idp.example.com",
      OIDC_CLIENT_ID: "slipstream",
      OIDC_CLIENT_SECRET: "client-secret",
    });
    const { summary, message } = describeStartup({ config, address: "http://0.0.0.0:3000" });
    expect(summary).toMatchObject({
      publicUrl: "https://chat.example.com",
      providers: ["openai", "local (OpenAI-compatible)", "demo"],
      store: "postgres postgres://db.internal:5432/slipstream",
      redis: "rediss://cache.internal:6380",
      signIn: ["password", "oidc https://idp.example.com"],
      telemetry: "off",
    });
    expect(message).toContain("Slipstream is listening on http://0.0.0.0:3000");
    for (const secret of ["db-password", "redis-password", "sk-secret-key", "client-secret", "verify-full"]) {
      expect(message).not.toContain(secret);
      expect(JSON.stringify(summary)).not.toContain(secret);
    }
  });

  it("says when everything is embedded", () => {
    const { summary } = describeStartup({
      config: loadConfig({ DATA_DIR: "/var/lib/slipstream" }),
      address: "http://127.0.0.1:3000",
    });
    expect(summary).toMatchObject({
      store: "sqlite /var/lib/slipstream/slipstream.db",
      providers: ["demo"],
      signIn: ["password"],
    });
    expect(summary.redis).toMatch(/^none/);
  });
});
