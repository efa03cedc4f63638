import type { MessageUsage } from "@slipstream/protocol";
import { formatCost, formatTokens } from "../settings/format.ts";

/** A reply's tokens and cost, in its meta line; the title gives input and output apart, and says when estimated. */
export function UsageBadge({ usage }: { usage: MessageUsage }) {
  const total = usage.inputTokens + usage.outputTokens;
  const details = `${formatTokens(usage.inputTokens)} in, ${formatTokens(usage.outputTokens)} out${
    usage.estimated ? " (estimated: the provider reported none)" : ""
  }; cost ${usage.costUsd === null ? "unknown" : formatCost(usage.costUsd)}`;
  return (
    <span className="usage-badge" title={details}>
      <span aria-hidden="true">
        {usage.estimated ? "≈" : ""}
        {formatTokens(total)} tokens{usage.costUsd === null ? "" : ` · ${formatCost(usage.costUsd)}`}
      </span>
      <span className="visually-hidden">Usage: {details}</span>
    </span>
  );
}
