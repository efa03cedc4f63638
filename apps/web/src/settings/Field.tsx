import { cloneElement, type ReactElement, useId } from "react";

/**
 * A labelled form control. The label points at the control by id rather than wrapping it, so that a select's
 * accessible name is its label alone, not the label followed by every option.
 */
export function Field({
  label,
  compact = false,
  children,
}: {
  label: string;
  compact?: boolean;
  children: ReactElement<{ id?: string }>;
}) {
  const id = useId();
  return (
    <div className={compact ? "field compact" : "field"}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}
