import { generateKeyPairSync } from "node:crypto";
import { base64url, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type JwtIssuer, startJwtIssuer } from "../../test/jwt-issuer.ts";
import {
  eventually,
  openTestSocket,
  removeDir,
  signedInClient,
  startServer,
  type TestServer,
} from "../../test/support.ts";

const AUDIENCE = "slipstream-api";

describe("bearer JWTs from an identity provider", () => {
  let issuer: JwtIssuer;
  let server: TestServer;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const session = (token: string) => fetch(`${server.url}/api/auth/session`, { headers: bearer(token) });

  beforeAll(async () => {
    issuer = await startJwtIssuer();
    // AUTH_JWKS_URL is left out: the key set's address comes from the issuer's discovery document.
    server = await startServer({ AUTH_JWT_ISSUER: issuer.issuer, AUTH_JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await server.stop();
    await removeDir(server.dataDir);
    await issuer.close();
  });

  it("signs a subject in as a user created on first use, the same user every time", async () => {
    const token = await issuer.sign({ audience: AUDIENCE, subject: "first-use", claims: { name: "Grace" } });
    const first = await session(token);
    expect(first.status).toBe(200);
    const { user } = (await first.json()) as { user: { id: string; name: string; email: string } };
    expect(user.name).toBe("Grace");
    expect(user.email).toMatch(/@external\.invalid$/);
    const again = await session(await issuer.sign({ audience: AUDIENCE, subject: "first-use" }));
    expect(((await again.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it("links to an existing account by a verified email only", async () => {
    const owner = await signedInClient(server.url, "owner");
    const unverified = await issuer.sign({
      audience: AUDIENCE,
      subject: "claims-owner-unverified",
      claims: { email: owner.email, email_verified: false },
    });
    const other = (await (await session(unverified)).json()) as { user: { id: string; email: string } };
    expect(other.user.id).not.toBe(owner.user.id);
    expect(other.user.email).not.toBe(owner.email);

    const verified = await issuer.sign({
      audience: AUDIENCE,
      subject: "owner-verified",
      claims: { email: owner.email.toUpperCase(), email_verified: true },
    });
    const linked = (await (await session(verified)).json()) as { user: { id: string } };
    expect(linked.user.id).toBe(owner.user.id);
  });

  it("refuses a wrong audience or issuer, an expiry beyond the allowed skew, a tampered payload", async () => {
    const refused = [
      await issuer.sign({ audience: "another-app" }),
      await issuer.sign({ audience: AUDIENCE, issuedBy: "http://127.0.0.1:1/elsewhere" }),
      await issuer.sign({ audience: AUDIENCE, expiresIn: -120 }),
    ];
    for (const token of refused) expect((await session(token)).status).toBe(401);
    // Within the 30 s tolerance, a token that has just expired still counts (clocks drift).
    expect((await session(await issuer.sign({ audience: AUDIENCE, expiresIn: -10 }))).status).toBe(200);

    const [header, payload, signature] = (await issuer.sign({ audience: AUDIENCE, subject: "victim" })).split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload as string)));
    const tampered = [header, base64url.encode(JSON.stringify({ ...claims, sub: "attacker" })), signature].join(".");
    expect((await session(tampered)).status).toBe(401);
  });

  it("refuses alg none, and an HMAC token keyed with the provider's public key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer.issuer, aud: AUDIENCE, sub: "user-1", iat: now, exp: now + 300 };
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const unsigned = `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
    expect((await session(unsigned)).status).toBe(401);

    // The classic confusion: the public key (which anyone can fetch) used as an HS256 secret.
    const publicPem = new TextEncoder().encode(JSON.stringify(issuer.publicJwk));
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: issuer.publicJwk.kid as string })
      .sign(publicPem);
    expect((await session(confused)).status).toBe(401);

    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const strangerKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: issuer.publicJwk.kid as string })
      .sign(privateKey);
    expect((await session(strangerKey)).status).toBe(401);
  });

  it("fetches the key set once, and again for a key id it does not know", async () => {
    await session(await issuer.sign({ audience: AUDIENCE }));
    const before = issuer.jwksFetches;
    expect((await session(await issuer.sign({ audience: AUDIENCE }))).status).toBe(200);
    expect(issuer.jwksFetches).toBe(before);

    await issuer.rotate();
    // Refetches are spaced by a 30 s cooldown, so that junk key ids cannot hammer the provider.
    expect((await session(await issuer.sign({ audience: AUDIENCE }))).status).toBe(401);
    expect(issuer.jwksFetches).toBe(before);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31_000 });
    try {
      expect((await session(await issuer.sign({ audience: AUDIENCE }))).status).toBe(200);
      expect(issuer.jwksFetches).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("authenticates REST, SSE and the WebSocket, and streams a reply on each", async () => {
    const token = await issuer.sign({ audience: AUDIENCE, subject: "streamer" });
    const json = { ...bearer(token), "content-type": "application/json" };
    const created = await fetch(`${server.url}/api/conversations`, { method: "POST", headers: json, body: "{}" });
    expect(created.status).toBe(201);
    const { conversation } = (await created.json()) as { conversation: { id: string } };
    const sent = await fetch(`${server.url}/api/conversations/${conversation.id}/messages`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ content: "hello over a JWT" }),
    });
    expect(sent.status).toBe(202);
    const { streamId } = (await sent.json()) as { streamId: string };

    const sse = await fetch(`${server.url}/api/streams/${streamId}`, { headers: bearer(token) });
    expect(sse.status).toBe(200);
    const text = await sse.text();
    expect(text).toContain('"type":"text-delta"');
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);

    expect(await openTestSocket(server.url, { origin: server.url })).toBe(401);
    const socket = await openTestSocket(server.url, { ...bearer(token), origin: server.url });
    if (typeof socket === "number") throw new Error(`upgrade refused with ${socket}`);
    const frames: { type: string; part?: { type: string } }[] = [];
    socket.on("message", (data) => frames.push(JSON.parse(String(data))));
    socket.send(JSON.stringify({ type: "send", conversationId: conversation.id, content: "and over the socket" }));
    await eventually(() => expect(frames.some((frame) => frame.type === "accepted")).toBe(true));
    const accepted = frames.find((frame) => frame.type === "accepted") as unknown as { streamId: string };
    socket.send(JSON.stringify({ type: "subscribe", streamId: accepted.streamId }));
    await eventually(() => expect(frames.some((frame) => frame.type === "done")).toBe(true));
    expect(frames.some((frame) => frame.type === "event" && frame.part?.type === "text-delta")).toBe(true);
    socket.close();

    const refusedSocket = await openTestSocket(server.url, {
      ...bearer(await issuer.sign({ audience: "another-app" })),
      origin: server.url,
    });
    expect(refusedSocket).toBe(401);
  });
});
