import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCookieJar, runUntilCallback, step } from "../../../test/oidc-flow-driver.ts";
import { type OidcIdp, startOidcIdp } from "../../../test/oidc-idp.ts";
import { removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

describe("OIDC sign-in against a real provider on loopback", () => {
  let idp: OidcIdp;
  let server: TestServer;
  const session = (cookie: string) => fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
  const signIn = async () => {
    const jar = createCookieJar();
    const callback = await runUntilCallback({ appUrl: server.url, jar });
    const response = await step(callback, jar);
    return { jar, callback, response };
  };

  beforeAll(async () => {
    idp = await startOidcIdp();
    server = await startServer({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: "Test IdP",
    });
    idp.registerClient(`${server.url}/api/auth/oidc/callback`);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) await removeDir(server.dataDir);
    await idp?.close();
  });

  it("lists the provider for the sign-in screen", async () => {
    const response = await fetch(`${server.url}/api/auth/providers`);
    expect(await response.json()).toEqual({
      password: true,
      signup: true,
      providers: [{ id: "oidc", kind: "oidc", name: "Test IdP", loginUrl: "/api/auth/oidc/login" }],
    });
  });

  it("redirects with PKCE (S256), state and nonce, and signs in with a session cookie", async () => {
    const login = await fetch(`${server.url}/api/auth/oidc/login`, { redirect: "manual" });
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get("location") as string);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    for (const name of ["code_challenge", "state", "nonce"]) expect(authorize.searchParams.get(name)).toBeTruthy();
    expect(authorize.searchParams.get("scope")).toBe("openid email profile");
    expect(login.headers.getSetCookie().join()).toMatch(/slipstream_oidc=.+HttpOnly/i);

    idp.signInAs({ sub: "carol", email: "carol@example.test", email_verified: true, name: "Carol" });
    const { jar, response } = await signIn();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    expect(jar.get("slipstream_oidc")).toBeUndefined();
    const { user } = (await (await session(jar.header())).json()) as { user: { email: string; name: string } };
    expect(user).toMatchObject({ email: "carol@example.test", name: "Carol" });

    // Sign-out ends the session like any other.
    await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie: jar.header() } });
    expect((await session(jar.header())).status).toBe(401);
  });

  it("links a verified email to the existing account, and never an unverified one", async () => {
    const owner = await signedInClient(server.url, "oidc-owner");
    idp.signInAs({ sub: "impostor", email: owner.email, email_verified: false, name: "Impostor" });
    const impostor = await signIn();
    const other = (await (await session(impostor.jar.header())).json()) as { user: { id: string; email: string } };
    expect(other.user.id).not.toBe(owner.user.id);
    expect(other.user.email).not.toBe(owner.email);

    idp.signInAs({ sub: "owner-at-idp", email: owner.email, email_verified: true, name: "Owner" });
    const linked = await signIn();
    const same = (await (await session(linked.jar.header())).json()) as { user: { id: string } };
    expect(same.user.id).toBe(owner.user.id);
  });

  it("refuses a replayed callback, with or without its flow cookie", async () => {
    idp.signInAs({ sub: "dave", email: "dave@example.test", email_verified: true });
    const jar = createCookieJar();
    const callback = await runUntilCallback({ appUrl: server.url, jar });
    const flowCookie = `slipstream_oidc=${jar.get("slipstream_oidc")}`;
    const first = await fetch(callback, { redirect: "manual", headers: { cookie: flowCookie } });
    expect(first.headers.get("location")).toBe("/");

    const replayed = await fetch(callback, { redirect: "manual", headers: { cookie: flowCookie } });
    expect(replayed.headers.get("location")).toBe("/?sign_in_error=sign_in_failed");
    expect(replayed.headers.getSetCookie().join()).not.toMatch(/slipstream_session=[^;]+;/);
    const withoutCookie = await fetch(callback, { redirect: "manual" });
    expect(withoutCookie.headers.get("location")).toBe("/?sign_in_error=sign_in_failed");
  });

  it("refuses a callback whose state is not the one this browser started", async () => {
    const jar = createCookieJar();
    const callback = new URL(await runUntilCallback({ appUrl: server.url, jar }));
    callback.searchParams.set("state", "forged-state");
    const response = await step(callback.href, jar);
    expect(response.headers.get("location")).toBe("/?sign_in_error=sign_in_failed");
  });

  it("refuses an ID token for another audience, and a tampered one", async () => {
    idp.signInAs({ sub: "erin", email: "erin@example.test", email_verified: true });
    try {
      for (const spoiler of ["wrong-audience", "tampered"] as const) {
        idp.spoilTokens(spoiler);
        const { jar, response } = await signIn();
        expect(response.headers.get("location"), spoiler).toBe("/?sign_in_error=sign_in_failed");
        expect((await session(jar.header())).status, spoiler).toBe(401);
      }
    } finally {
      idp.spoilTokens("none");
    }
    // The same account signs in once the tokens are honest again, so the refusals above were about the tokens.
    const { response } = await signIn();
    expect(response.headers.get("location")).toBe("/");
  });
});
