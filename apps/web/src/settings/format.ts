/** Token counts as people read them: 1,234. */
export const formatTokens = (tokens: number) => tokens.toLocaleString("en-US");

/** A cost in dollars with enough digits for fractions of a cent; "—" when the price is unknown. */
export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return "—";
  if (costUsd === 0) return "$0";
  if (costUsd < 0.01) return `$${costUsd.toPrecision(2)}`;
  return `$${costUsd.toFixed(2)}`;
}

/** A short date-time for lists. */
export const formatWhen = (timestamp: string | null) =>
  timestamp === null
    ? "never"
    : new Date(timestamp).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/** The readable message of an API failure. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong.");
