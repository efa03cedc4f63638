import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withIdleTimeout } from "./idle-timeout-fetch.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: Server;
let url: string;
beforeAll(async () => {
  // `/steady` sends five chunks 60 ms apart; `/stall` sends one, then nothing.
  server = createServer(async (request, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.write("0");
    if (request.url === "/stall") return;
    for (let chunk = 1; chunk < 5; chunk += 1) {
      await sleep(60);
      response.write(String(chunk));
    }
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const idleFetch = withIdleTimeout(fetch, 150);

describe("withIdleTimeout", () => {
  it("lets a provider that keeps sending run longer than the idle limit in total", async () => {
    const response = await idleFetch(`${url}/steady`);
    expect(await response.text()).toBe("01234");
  });

  it("does not count the time the reader takes between reads", async () => {
    const reader = (await idleFetch(`${url}/steady`)).body?.getReader();
    let text = "";
    for (;;) {
      const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      text += new TextDecoder().decode(value);
      await sleep(300);
    }
    expect(text).toBe("01234");
  });

  it("aborts a provider that goes quiet with a TimeoutError", async () => {
    const response = await idleFetch(`${url}/stall`);
    await expect(response.text()).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
