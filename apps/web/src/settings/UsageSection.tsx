import type { UsageReport } from "@slipstream/protocol";
import { formatCost, formatTokens } from "./format.ts";
import { UsageChart } from "./UsageChart.tsx";

/** A usage report: totals, a chart by day and a table by model. */
export function UsageReportView({ report, title }: { report: UsageReport | undefined; title: string }) {
  if (!report) return <p className="settings-empty">Loading usage…</p>;
  const { totals } = report;
  return (
    <div className="settings-stack">
      <div className="settings-card">
        <h2>{title}</h2>
        <p className="settings-hint">
          {report.from.slice(0, 10)} to {new Date(Date.parse(report.to) - 1).toISOString().slice(0, 10)} (UTC).
        </p>
        <dl className="usage-totals">
          <div>
            <dt>Generations</dt>
            <dd>{formatTokens(totals.generations)}</dd>
          </div>
          <div>
            <dt>Input tokens</dt>
            <dd>{formatTokens(totals.inputTokens)}</dd>
          </div>
          <div>
            <dt>Output tokens</dt>
            <dd>{formatTokens(totals.outputTokens)}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{formatCost(totals.costUsd)}</dd>
          </div>
        </dl>
        <UsageChart report={report} />
      </div>
      <div className="settings-card">
        <h2>By model</h2>
        {report.byModel.length === 0 ? (
          <p className="settings-empty">No usage in this period.</p>
        ) : (
          <table className="settings-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="number">
                  Generations
                </th>
                <th scope="col" className="number">
                  Input
                </th>
                <th scope="col" className="number">
                  Output
                </th>
                <th scope="col" className="number">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {report.byModel.map((row) => (
                <tr key={row.model}>
                  <td className="mono">{row.model}</td>
                  <td className="number">{formatTokens(row.generations)}</td>
                  <td className="number">{formatTokens(row.inputTokens)}</td>
                  <td className="number">{formatTokens(row.outputTokens)}</td>
                  <td className="number">{formatCost(row.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
