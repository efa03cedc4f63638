import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider } from "../../../test/fake-provider/index.ts";
import { removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

let server: TestServer;
beforeAll(async () => {
  const gone = await startFakeProvider();
  await gone.close();
  server = await startServer({ OPENAI_COMPATIBLE_BASE_URL: `${gone.url}/v1` });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("GET /api/models", () => {
  it("says that an OpenAI-compatible server it cannot reach is unreachable, and why", async () => {
    const { client } = await signedInClient(server.url);
    const response = await client.transport.json<{ models: { id: string }[]; providers: unknown[] }>(
      "GET",
      "/api/models",
    );
    expect(response.models.map((model) => model.id)).toEqual(["demo/echo", "demo/image"]);
    expect(response.providers).toEqual([
      { id: "local", status: "unreachable", message: "The server could not be reached: the connection was refused." },
    ]);
  });
});
