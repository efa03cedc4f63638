import { PluginView, pluginUiOf } from "../plugin-ui/PluginView.tsx";
import { type ToolPart, toolNameOf } from "./part-types.ts";

const BADGES: Record<string, { label: string; tone: string }> = {
  "input-streaming": { label: "running", tone: "running" },
  "input-available": { label: "running", tone: "running" },
  "output-available": { label: "done", tone: "done" },
  "output-error": { label: "error", tone: "error" },
};

/** A value as a reader wants it: text as it is, anything else as indented JSON. */
function pretty(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

function Section({ label, children, tone }: { label: string; children: string; tone?: string }) {
  return (
    <div className="tool-section">
      <div className="tool-label">{label}</div>
      <pre className={tone ? `tool-value ${tone}` : "tool-value"}>{children}</pre>
    </div>
  );
}

/**
 * A tool call, folded: its name and state; opened: its input, and its output or error. An output that asks for a
 * plugin's component (`{ui: {plugin, component, props}}`) shows it under the card, unfolded.
 */
export function ToolCard({ part }: { part: ToolPart }) {
  const badge = BADGES[part.state] ?? { label: part.state, tone: "running" };
  const ui = part.state === "output-available" ? pluginUiOf(part.output) : undefined;
  const card = (
    <details className="tool-card">
      <summary>
        <span className="tool-name">{toolNameOf(part)}</span>
        <span className={`tool-badge ${badge.tone}`}>{badge.label}</span>
      </summary>
      <div className="tool-body">
        {part.input !== undefined && <Section label="Input">{pretty(part.input)}</Section>}
        {part.state === "output-available" && <Section label="Output">{pretty(part.output)}</Section>}
        {part.errorText !== undefined && (
          <Section label="Error" tone="error">
            {part.errorText}
          </Section>
        )}
      </div>
    </details>
  );
  if (!ui) return card;
  return (
    <div className="tool-card-frame">
      {card}
      <PluginView ui={ui} />
    </div>
  );
}
