const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
/** A filled-in value longer than this is cut: a webhook body must not blow up the prompt. */
export const PLACEHOLDER_MAX_CHARS = 16_000;

/**
 * Fills `{{body}}`, `{{body.some.path}}` and `{{content}}` from a run's input. Objects are written as JSON, a
 * missing path as nothing; the template's own text is never interpreted further.
 *
 * @example fillPrompt({ template: "New issue: {{body.issue.title}}", input: { body: { issue: { title: "Crash" } } } })
 */
export function fillPrompt({ template, input }: { template: string; input: Record<string, unknown> }): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = path
      .split(".")
      .reduce<unknown>(
        (at, key) =>
          at !== null && typeof at === "object" && Object.hasOwn(at, key)
            ? (at as Record<string, unknown>)[key]
            : undefined,
        input,
      );
    if (value === undefined || value === null) return "";
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > PLACEHOLDER_MAX_CHARS ? `${text.slice(0, PLACEHOLDER_MAX_CHARS)}…` : text;
  });
}
