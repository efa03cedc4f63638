import type { Tool } from "@slipstream/protocol";
import { useId } from "react";

/** "Tools", with how many are on. */
const summaryOf = (count: number) => (count === 0 ? "Tools" : `Tools · ${count}`);

/**
 * The tools the conversation lets the model call, as a small menu of switches beside the model picker; the
 * server keeps the choice with the conversation. No tool on offer, no menu.
 */
export function ToolsMenu({
  tools,
  enabled,
  onChange,
  onOpen,
}: {
  tools: Tool[];
  enabled: readonly string[];
  onChange: (ids: string[]) => void;
  /** The menu opened: a moment to ask for the tools again. */
  onOpen?: () => void;
}) {
  const listId = useId();
  if (tools.length === 0) return null;
  const on = new Set(enabled);
  const count = tools.filter((tool) => on.has(tool.id)).length;
  const toggle = (id: string) => onChange(on.has(id) ? enabled.filter((known) => known !== id) : [...enabled, id]);
  return (
    <details className="tools-menu" onToggle={(event) => event.currentTarget.open && onOpen?.()}>
      <summary aria-controls={listId}>{summaryOf(count)}</summary>
      <fieldset id={listId} className="tools-menu-list">
        <legend className="visually-hidden">Tools the model may use</legend>
        {tools.map((tool) => (
          <label key={tool.id} className="tools-menu-item" title={tool.description}>
            <input type="checkbox" checked={on.has(tool.id)} onChange={() => toggle(tool.id)} />
            <span className="tools-menu-name">{tool.name}</span>
            <span className="tools-menu-source">{tool.source}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
