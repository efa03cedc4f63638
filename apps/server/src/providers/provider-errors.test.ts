import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { databaseUnavailable } from "../store/unavailable.ts";
import { describeProviderError } from "./provider-errors.ts";

const describe_ = (error: unknown) => describeProviderError(error, { idleTimeoutMs: 30_000 });
const apiError = (statusCode: number | undefined, cause?: unknown) =>
  new APICallError({
    message: "provider said something with sk-secret-key-123 inside",
    url: "http://provider.test/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody: '{"error":{"message":"account 42 over quota"}}',
    cause,
  });

describe("describeProviderError", () => {
  it("names the status and a hint, never the provider's body or message", () => {
    const text = describe_(apiError(429));
    expect(text).toBe("The model provider answered 429: the provider is rate-limiting requests.");
    expect(describe_(apiError(503))).toContain("server error");
    expect(describe_(apiError(401))).toContain("API key");
    for (const status of [401, 429, 500]) expect(describe_(apiError(status))).not.toMatch(/sk-secret|account 42/);
  });

  it("looks through retries to the last error", () => {
    const retried = new RetryError({
      message: "Failed after 2 attempts",
      reason: "maxRetriesExceeded",
      errors: [apiError(429)],
    });
    expect(describe_(retried)).toMatch(/429/);
  });

  it("tells a stream cut off mid-answer from a refused request", () => {
    expect(describe_(apiError(200, new TypeError("terminated")))).toMatch(/dropped/);
  });

  it("names a provider it could not connect to as unreachable, with the reason", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(describe_(new TypeError("fetch failed", { cause: refused }))).toBe(
      "The model provider could not be reached: the connection was refused.",
    );
    const unknownHost = Object.assign(new Error("getaddrinfo ENOTFOUND gpu-box"), { code: "ENOTFOUND" });
    expect(describe_(apiError(undefined, new TypeError("fetch failed", { cause: unknownHost })))).toMatch(
      /could not be reached: its host name is unknown/,
    );
  });

  it("reports idle timeouts with the configured time", () => {
    expect(describe_(new DOMException("no data", "TimeoutError"))).toBe(
      "The model sent nothing for 30 s, so the answer was stopped.",
    );
    expect(describe_(apiError(200, new DOMException("idle", "TimeoutError")))).toMatch(/sent nothing/);
  });

  it("falls back to a generic sentence for anything else", () => {
    expect(describe_(new Error("internal detail /etc/passwd"))).toBe("The model failed to answer.");
  });

  it("says so when our own service failed, with the message written for users, but never an internal one", () => {
    const unavailable = databaseUnavailable(new Error("timeout exceeded when trying to connect"));
    expect(describe_(unavailable)).toBe(unavailable.message);
    expect(describe_(new DomainError("internal", "a stack frame"))).toBe("The model failed to answer.");
  });
});
