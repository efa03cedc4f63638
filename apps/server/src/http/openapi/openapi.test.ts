import SwaggerParser from "@apidevtools/swagger-parser";
import * as protocol from "@slipstream/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, startServer, type TestServer } from "../../../test/support.ts";

type Operation = {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const METHODS = ["get", "put", "post", "patch", "delete"];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every method and path Fastify has registered, read from its route tree (HEAD only mirrors GET). */
function registeredRoutes(app: FastifyInstance) {
  const routes: { method: string; url: string }[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    // Each level of the tree is indented by four characters: "└── ", "├── ", "│   " or spaces.
    const match = /^([│├└─ ]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const [, indent = "", segment = "", methods] = match;
    segments.length = indent.length / 4 - 1;
    segments.push(segment);
    for (const method of methods?.split(", ") ?? []) {
      if (method !== "HEAD") routes.push({ method, url: segments.join("") });
    }
  }
  return routes;
}

const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] as Operation })),
  );

let server: TestServer;
let document: Document;
beforeAll(async () => {
  server = await startServer();
  // No cookie: the description of the API is public.
  const response = await fetch(new URL("/api/openapi.json", server.url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  document = await response.json();
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(document.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it("describes the contract's paths with their protocol schemas", () => {
    const send = document.paths["/api/conversations/{id}/messages"]?.post;
    expect(send?.requestBody?.content["application/json"]?.schema).toEqual(ref("SendMessageBody"));
    expect(send?.responses["202"]?.content?.["application/json"]?.schema).toEqual(ref("SendMessageResponse"));
    expect(send?.responses["404"]?.content?.["application/json"]?.schema).toEqual(ref("ErrorBody"));

    const login = document.paths["/api/auth/login"]?.post;
    expect(login?.security).toEqual([]);
    expect(login?.responses["200"]?.content?.["application/json"]?.schema).toEqual(ref("SessionResponse"));
    expect(Object.keys(login?.responses ?? {})).toEqual(expect.arrayContaining(["400", "401", "429"]));

    const stream = document.paths["/api/streams/{streamId}"]?.get;
    expect(stream?.responses["200"]?.content?.["text/event-stream"]?.schema).toEqual(ref("StreamPart"));
    expect(Object.keys(stream?.responses ?? {})).toEqual(expect.arrayContaining(["404", "410"]));

    expect(document.paths["/healthz"]?.get?.responses["200"]?.content?.["application/json"]?.schema).toEqual(
      ref("HealthResponse"),
    );
    expect(document.paths["/api/models"]?.get?.security).toBeUndefined();
  });

  it("has a component for every body and response schema of the protocol, each used by an operation", () => {
    const bodiesAndResponses = Object.keys(protocol)
      .filter((name) => /(Body|Response)Schema$/.test(name))
      .map((name) => `${name[0]?.toUpperCase()}${name.slice(1, -"Schema".length)}`);
    expect(bodiesAndResponses).toEqual(expect.arrayContaining(["RegisterBody", "MessagesResponse", "ErrorBody"]));
    const usedByOperations = JSON.stringify(document.paths);
    for (const name of bodiesAndResponses) {
      expect(document.components.schemas, name).toHaveProperty(name);
      expect(usedByOperations, name).toContain(JSON.stringify(ref(name)));
    }
  });

  it("declares each path's parameters, answers every error with the one error shape, and names every JSON body", () => {
    for (const { path, method, operation } of operationsOf(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === "path");
      expect(declared.map((parameter) => parameter.name).sort(), where).toEqual(inPath.sort());
      const body = operation.requestBody?.content["application/json"]?.schema;
      if (body) expect(body, where).toEqual({ $ref: expect.stringMatching(/^#\/components\/schemas\//) });
      for (const [status, response] of Object.entries(operation.responses)) {
        const schema = response.content?.["application/json"]?.schema;
        if (Number(status) >= 400 && response.content) expect(schema, `${where} ${status}`).toEqual(ref("ErrorBody"));
        if (schema) expect(schema, `${where} ${status}`).toHaveProperty("$ref");
      }
    }
  });

  it("documents every route the server has under /api, and no route it does not have", () => {
    const routes = registeredRoutes(server.app.http).filter(({ url }) => url.startsWith("/api/"));
    expect(routes).toContainEqual({ method: "POST", url: "/api/conversations/:id/messages" });
    for (const { method, url } of routes) {
      expect(server.app.http.hasRoute({ method, url }), `read ${method} ${url} from the route tree`).toBe(true);
      const path = url.replace(/:(\w+)/g, "{$1}");
      expect(document.paths[path]?.[method.toLowerCase()], `${method} ${url} is not documented`).toBeDefined();
    }
    for (const { path, method } of operationsOf(document).filter(({ path }) => path.startsWith("/api/"))) {
      const url = path.replace(/\{(\w+)\}/g, ":$1");
      expect(server.app.http.hasRoute({ method: method.toUpperCase(), url }), `${method} ${path}`).toBe(true);
    }
  });
});
