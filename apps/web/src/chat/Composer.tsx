import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from "react";
import { ArrowUpIcon, StopIcon } from "../ui/icons.tsx";

type Props = {
  /** A reply is being generated: the button stops it instead of sending. */
  streaming: boolean;
  /** Sends the text; resolves false when it was not sent, so the text comes back. */
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
  /** Called as the text changes, to tell the others this user is typing. */
  onTyping?: () => void;
  modelPicker?: React.ReactNode;
};

/** The message box: Enter sends, Shift+Enter starts a new line, Escape stops a reply being generated. */
export function Composer({ streaming, onSend, onStop, onTyping, modelPicker }: Props) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  async function send() {
    const content = text.trim();
    if (!content || sending || streaming) return;
    setSending(true);
    setText("");
    const sent = await onSend(content);
    setSending(false);
    if (!sent) setText((current) => current || content);
    field.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
    if (event.key === "Escape" && streaming) {
      event.preventDefault();
      onStop();
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      <textarea
        ref={field}
        className="composer-input"
        aria-label="Message"
        aria-describedby={hintId}
        placeholder="Message Slipstream"
        rows={1}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onTyping?.();
        }}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noAutofocus: typing a message is what this screen is for.
        autoFocus
      />
      <div className="composer-bar">
        {modelPicker}
        <span id={hintId} className="composer-hint">
          Enter to send, Shift+Enter for a new line{streaming ? ", Escape to stop" : ""}
        </span>
        {streaming ? (
          <button type="button" className="send-button stop" aria-label="Stop" title="Stop (Escape)" onClick={onStop}>
            <StopIcon />
          </button>
        ) : (
          <button
            type="submit"
            className="send-button"
            aria-label="Send"
            title="Send (Enter)"
            disabled={!text.trim() || sending}
          >
            <ArrowUpIcon />
          </button>
        )}
      </div>
    </form>
  );
}
