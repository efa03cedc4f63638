import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

let server: TestServer;
let withoutSandbox: TestServer;
beforeAll(async () => {
  server = await startServer();
  withoutSandbox = await startServer({ SANDBOX_LANGUAGES: "none" });
});
afterAll(async () => {
  for (const running of [server, withoutSandbox]) {
    await running.stop();
    await removeDir(running.dataDir);
  }
});

describe("GET /api/tools", () => {
  it("lists every registered provider's tools with their id, name, description and source", async () => {
    const unregister = server.app.tools.register({
      source: "plugin:weather",
      list: async () => [
        {
          id: "plugin:weather:forecast",
          name: "weather__forecast",
          description: "The forecast of a city",
          source: "plugin:weather",
          inputSchema: { type: "object" },
        },
      ],
      execute: async () => ({}),
      status: () => ({ state: "ready", error: null }),
    });
    const { client } = await signedInClient(server.url);
    const tools = await client.tools.list();
    unregister();
    expect(tools).toEqual([
      { id: "run_code", name: "run_code", description: expect.stringMatching(/JavaScript/), source: "builtin" },
      {
        id: "plugin:weather:forecast",
        name: "weather__forecast",
        description: "The forecast of a city",
        source: "plugin:weather",
      },
    ]);
    expect(tools[0]?.description).not.toMatch(/Python/);
  });

  it("has no run_code when SANDBOX_LANGUAGES is none", async () => {
    const { client } = await signedInClient(withoutSandbox.url);
    expect(await client.tools.list()).toEqual([]);
  });

  it("needs a session", async () => {
    const response = await fetch(new URL("/api/tools", server.url));
    expect(response.status).toBe(401);
  });
});
