import type { FileInfo } from "@slipstream/protocol";
import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  useId,
  useRef,
  useState,
} from "react";
import { ArrowUpIcon, PaperclipIcon, StopIcon } from "../ui/icons.tsx";
import { AttachmentChips } from "./AttachmentChips.tsx";
import { useAttachments } from "./use-attachments.ts";

type Props = {
  /** A reply is being generated: the button stops it instead of sending. */
  streaming: boolean;
  /** Sends the text and the ids of the attached files; resolves false when it was not sent, so both come back. */
  onSend: (text: string, attachments: string[]) => Promise<boolean>;
  onStop: () => void;
  /** Uploads one attached file; without it, the composer takes no files. */
  onUpload?: (file: File) => Promise<FileInfo>;
  /** Called as the text changes, to tell the others this user is typing. */
  onTyping?: () => void;
  modelPicker?: React.ReactNode;
  /** The chosen model's name when it cannot see images: the picker offers none, and an image attached holds the send. */
  imagesUnseenBy?: string;
};

const IMAGE_TYPES = "image/png,image/jpeg,image/webp,image/gif";
const TEXT_TYPES =
  "application/pdf,text/*,.md,.csv,.json,.ts,.tsx,.js,.py,.go,.rs,.java,.c,.cpp,.rb,.sh,.sql,.yaml,.yml,.toml";

const noUpload = () => Promise.reject(new Error("Attachments are not available here."));

/**
 * The message box: Enter sends, Shift+Enter starts a new line, Escape stops a reply being generated. Files come
 * in by the paperclip button, by dropping them on the box, or by pasting (a screenshot); each uploads at once.
 */
export function Composer({ streaming, onSend, onStop, onUpload, onTyping, modelPicker, imagesUnseenBy }: Props) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const attachments = useAttachments(onUpload ?? noUpload);
  const imageRefused = imagesUnseenBy !== undefined && attachments.holdsImage;
  const canSend = text.trim() !== "" && !sending && !attachments.uploading && !imageRefused;

  async function send() {
    const content = text.trim();
    if (!canSend || streaming) return;
    setSending(true);
    setText("");
    const sent = await onSend(content, attachments.readyIds);
    setSending(false);
    if (sent) attachments.clear();
    else setText((current) => current || content);
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

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    if (!onUpload || event.clipboardData.files.length === 0) return;
    event.preventDefault();
    attachments.add(event.clipboardData.files);
  }

  function onDrop(event: DragEvent<HTMLFormElement>) {
    setDragging(false);
    if (!onUpload || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    attachments.add(event.dataTransfer.files);
  }

  function onDragOver(event: DragEvent<HTMLFormElement>) {
    if (!onUpload || !event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    setDragging(true);
  }

  return (
    <form
      className={`composer${dragging ? " dragging" : ""}`}
      onSubmit={onSubmit}
      onDrop={onDrop}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
    >
      <AttachmentChips items={attachments.items} onRemove={attachments.remove} />
      {imageRefused && (
        <p className="composer-warning" role="alert">
          {imagesUnseenBy} cannot see images: remove the image, or choose a model that can.
        </p>
      )}
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
        onPaste={onPaste}
        // biome-ignore lint/a11y/noAutofocus: typing a message is what this screen is for.
        autoFocus
      />
      <div className="composer-bar">
        {onUpload && (
          <>
            <button
              type="button"
              className="attach-button"
              aria-label="Attach files"
              title={
                imagesUnseenBy === undefined
                  ? "Attach files (or drop or paste them)"
                  : `Attach files (${imagesUnseenBy} cannot see images: text and PDFs only)`
              }
              onClick={() => picker.current?.click()}
            >
              <PaperclipIcon />
            </button>
            <input
              ref={picker}
              type="file"
              multiple
              hidden
              aria-label="Files to attach"
              accept={imagesUnseenBy === undefined ? `${IMAGE_TYPES},${TEXT_TYPES}` : TEXT_TYPES}
              onChange={(event) => {
                if (event.target.files) attachments.add(event.target.files);
                event.target.value = "";
              }}
            />
          </>
        )}
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
            title={attachments.uploading ? "Waiting for uploads" : "Send (Enter)"}
            disabled={!canSend}
          >
            <ArrowUpIcon />
          </button>
        )}
      </div>
    </form>
  );
}
