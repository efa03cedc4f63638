import type { ReactNode } from "react";

export type Tab = { id: string; label: string };

/**
 * Sections of a page as a tab list that arrow keys move through, each tab a button (reachable with Tab as well), so
 * the page is usable from the keyboard alone.
 */
export function Tabs({
  label,
  tabs,
  current,
  onSelect,
  children,
}: {
  label: string;
  tabs: Tab[];
  current: string;
  onSelect: (id: string) => void;
  children: ReactNode;
}) {
  const move = (from: number, step: number) => {
    const next = tabs[(from + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === current}
            aria-controls={`panel-${tab.id}`}
            className={tab.id === current ? "tab active" : "tab"}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight") move(index, 1);
              if (event.key === "ArrowLeft") move(index, -1);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <section className="tab-panel" role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        {children}
      </section>
    </>
  );
}
