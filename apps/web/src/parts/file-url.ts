const LINKABLE = new Set(["http:", "https:", "blob:"]);

/**
 * The URL of a file part when it is safe to put in the page: web and blob URLs (the app's own `/api/files/…`
 * among them), and `data:` images shown in an `<img>`, where no script runs. Anything else (`javascript:`)
 * is refused, since a model or a tool chose the URL.
 */
export function safeFileUrl({ url, inline }: { url: string; inline: boolean }): string | undefined {
  let protocol: string;
  try {
    protocol = new URL(url, window.location.origin).protocol;
  } catch {
    return undefined;
  }
  if (LINKABLE.has(protocol)) return url;
  if (inline && protocol === "data:" && /^data:image\//i.test(url)) return url;
  return undefined;
}
