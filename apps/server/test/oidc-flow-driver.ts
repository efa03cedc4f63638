/** Cookies by name, as a browser would keep them for these tests' few hosts (all on 127.0.0.1). */
export function createCookieJar() {
  const cookies = new Map<string, string>();
  return {
    store(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        const index = pair.indexOf("=");
        const name = pair.slice(0, index).trim();
        const value = pair.slice(index + 1).trim();
        if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
    },
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
    get: (name: string) => cookies.get(name),
    delete: (name: string) => cookies.delete(name),
  };
}
export type CookieJar = ReturnType<typeof createCookieJar>;

/** One GET without following redirects, sending and keeping cookies. */
export async function step(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.store(response);
  return response;
}

/**
 * Follows a sign-in from `/api/auth/oidc/login` through the provider until the provider redirects back to the
 * app's callback, and returns that callback URL (not yet visited).
 */
export async function runUntilCallback({ appUrl, jar }: { appUrl: string; jar: CookieJar }): Promise<string> {
  let location = new URL("/api/auth/oidc/login", appUrl).href;
  for (let hops = 0; hops < 10; hops += 1) {
    const response = await step(location, jar);
    const next = response.headers.get("location");
    if (!next) throw new Error(`${location} answered ${response.status} without a redirect`);
    location = new URL(next, location).href;
    if (location.startsWith(new URL("/api/auth/oidc/callback", appUrl).href)) return location;
  }
  throw new Error("the sign-in never came back to the app");
}
