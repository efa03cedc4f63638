import { ChevronLeftIcon, ChevronRightIcon } from "../ui/icons.tsx";

/** The `< 2/3 >` arrows between the versions of a message (its edits, or its regenerations). */
export function BranchSwitcher({
  index,
  count,
  onPrevious,
  onNext,
}: {
  index: number;
  count: number;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <span className="branch-switcher">
      <button
        type="button"
        className="icon-button small"
        aria-label="Previous version"
        disabled={index === 0}
        onClick={onPrevious}
      >
        <ChevronLeftIcon />
      </button>
      <span className="branch-count" aria-live="polite">
        {index + 1}/{count}
      </span>
      <button
        type="button"
        className="icon-button small"
        aria-label="Next version"
        disabled={index === count - 1}
        onClick={onNext}
      >
        <ChevronRightIcon />
      </button>
    </span>
  );
}
