import { type FormEvent, type KeyboardEvent, useState } from "react";

/** Edits a sent message in place; saving sends the new text as a new branch from the same point. */
export function EditMessageForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const changed = text.trim() !== "" && text.trim() !== initial.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (changed) onSave(text.trim());
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form className="edit-form" onSubmit={submit}>
      <textarea
        aria-label="Edit message"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noAutofocus: the editor opens because the user asked to edit.
        autoFocus
      />
      <div className="edit-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!changed}>
          Save and send
        </button>
      </div>
    </form>
  );
}
