import { Writable } from "node:stream";
import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

const PROMPT = "my bank password is hunter2, please remember it";
const ECHO = "The model could not answer: my bank password is hunter2";

/** A provider refusal as the AI SDK raises it: the request it sent (the prompt) and the provider's body. */
function providerError() {
  const call = new APICallError({
    message: "Bad Request",
    url: "https://provider.example/v1/chat/completions",
    requestBodyValues: { model: "m", messages: [{ role: "user", content: PROMPT }] },
    statusCode: 400,
    responseBody: JSON.stringify({ error: { message: ECHO } }),
    data: { error: { message: ECHO } },
  });
  return new RetryError({ message: "Failed after 3 attempts", reason: "maxRetriesExceeded", errors: [call, call] });
}

function logLine(logContent: boolean): string {
  let written = "";
  const destination = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  const logger = createLogger({ logLevel: "info", env: "test", logContent }, { destination });
  logger.warn({ err: providerError(), streamId: "s1" }, "provider error");
  logger.flush();
  return written;
}

describe("logs of provider errors", () => {
  it("hold no conversation text by default, but keep what went wrong", () => {
    const line = logLine(false);
    expect(line).not.toContain("hunter2");
    const record = JSON.parse(line);
    expect(record.msg).toBe("provider error");
    expect(record.err.message).toContain("Failed after 3 attempts");
    expect(JSON.stringify(record.err)).toContain("provider.example");
    expect(JSON.stringify(record.err)).toContain("LOG_CONTENT=true");
  });

  it("keep it with LOG_CONTENT=true, for debugging", () => {
    expect(logLine(true)).toContain("hunter2");
  });
});
