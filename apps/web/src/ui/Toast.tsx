import type { ReactNode } from "react";

/** A short notice at the bottom of the screen, announced politely, with an optional action. */
export function Toast({ children, action }: { children: ReactNode; action?: { label: string; onClick: () => void } }) {
  return (
    <div className="toast" role="status">
      <span>{children}</span>
      {action && (
        <button type="button" className="link-button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
