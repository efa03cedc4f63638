import { type ReactNode, useState } from "react";

export type ExpandableItem = {
  id: string;
  /** The item's accessible name (its region's label). */
  label: string;
  title: ReactNode;
  hint: ReactNode;
  /** Buttons beside the one that shows the details. */
  actions: ReactNode;
  /** What opens under the item (runs, deliveries); loaded only while open. */
  details: () => ReactNode;
};

/** A settings card listing items whose details (runs, deliveries) open under them one at a time. */
export function ExpandableList({
  title,
  items,
  error,
  empty,
  detailsName,
}: {
  title: string;
  items: ExpandableItem[] | undefined;
  error?: string;
  empty: string;
  /** What the details are called on their button, e.g. "runs". */
  detailsName: string;
}) {
  const [open, setOpen] = useState<string>();
  const name = detailsName.charAt(0).toUpperCase() + detailsName.slice(1);
  return (
    <div className="settings-card">
      <h2>{title}</h2>
      {error && (
        <p className="settings-status error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="settings-empty">{empty}</p>}
      {items?.map((item) => (
        <section key={item.id} className="trigger-item" aria-label={item.label}>
          <div className="trigger-head">
            <strong>{item.title}</strong>
            <span className="settings-hint">{item.hint}</span>
            <span className="row-actions">
              <button
                type="button"
                className="button small"
                onClick={() => setOpen(open === item.id ? undefined : item.id)}
              >
                {open === item.id ? `Hide ${detailsName}` : name}
              </button>
              {item.actions}
            </span>
          </div>
          {open === item.id && item.details()}
        </section>
      ))}
    </div>
  );
}
