import type { Message } from "@slipstream/protocol";
import { useState } from "react";
import { TrashIcon } from "../ui/icons.tsx";
import { useMessageActions } from "./message-actions.ts";

/** Deletes a message and the replies under it, once the reader confirms: nothing brings them back. */
export function DeleteBranchButton({ message, disabled }: { message: Message; disabled: boolean }) {
  const actions = useMessageActions();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button
        type="button"
        className="icon-button small"
        aria-label="Delete message"
        title="Delete"
        disabled={disabled}
        onClick={() => setConfirming(true)}
      >
        <TrashIcon />
      </button>
    );
  }
  return (
    <fieldset className="delete-confirm" aria-label="Confirm deletion">
      <span>Delete this message and every reply under it?</span>
      <button
        type="button"
        className="button small danger"
        onClick={() => {
          setConfirming(false);
          actions.removeBranch(message);
        }}
      >
        Delete
      </button>
      <button type="button" className="button small" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
