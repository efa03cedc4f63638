import type { Message } from "@slipstream/protocol";
import { memo, useState } from "react";
import { FileView } from "../parts/FileView.tsx";
import { hasVisibleParts, MessageParts } from "../parts/MessageParts.tsx";
import { isFilePart, partsOf } from "../parts/part-types.ts";
import { CopyIcon, PencilIcon, RetryIcon } from "../ui/icons.tsx";
import { useAuthorName } from "./authors.ts";
import { BranchSwitcher } from "./BranchSwitcher.tsx";
import { DeleteBranchButton } from "./DeleteBranchButton.tsx";
import { EditMessageForm } from "./EditMessageForm.tsx";
import { type LiveReplies, useLiveReply } from "./live-replies.ts";
import { useMessageActions } from "./message-actions.ts";
import { UsageBadge } from "./UsageBadge.tsx";

type Versions = { index: number; count: number; previous?: Message; next?: Message };

const STATUS_NOTES: Partial<Record<Message["status"], string>> = {
  cancelled: "Stopped.",
  interrupted: "This answer was interrupted: the server stopped before it finished.",
};

function VersionArrows({ versions }: { versions: Versions }) {
  const actions = useMessageActions();
  if (versions.count < 2) return null;
  return (
    <BranchSwitcher
      index={versions.index}
      count={versions.count}
      onPrevious={() => versions.previous && actions.showVersion(versions.previous)}
      onNext={() => versions.next && actions.showVersion(versions.next)}
    />
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="icon-button small"
      aria-label={copied ? "Copied" : "Copy message"}
      title="Copy"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          (error: unknown) => console.warn("copying the message failed", error),
        )
      }
    >
      <CopyIcon />
    </button>
  );
}

function UserMessage({ message, versions, busy }: { message: Message; versions: Versions; busy: boolean }) {
  const actions = useMessageActions();
  const [editing, setEditing] = useState(false);
  const author = useAuthorName(message.authorId);
  if (editing) {
    return (
      <article className="message user editing" aria-label="Your message">
        <EditMessageForm
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSave={(content) => {
            setEditing(false);
            actions.edit(message, content);
          }}
        />
      </article>
    );
  }
  const files = message.parts.filter(isFilePart);
  return (
    <article className="message user" aria-label={author ? `Message from ${author}` : "Your message"}>
      {author && <div className="message-author">{author}</div>}
      {files.length > 0 && (
        <div className="user-files">
          {files.map((file) => (
            <FileView key={file.url} part={file} />
          ))}
        </div>
      )}
      <div className="bubble">{message.content}</div>
      <div className="message-toolbar">
        <VersionArrows versions={versions} />
        {!actions.readOnly && (
          <button
            type="button"
            className="icon-button small"
            aria-label="Edit message"
            title="Edit"
            disabled={busy}
            onClick={() => setEditing(true)}
          >
            <PencilIcon />
          </button>
        )}
        {!actions.readOnly && <DeleteBranchButton message={message} disabled={busy} />}
      </div>
    </article>
  );
}

function AssistantMessage({
  message,
  versions,
  live,
  busy,
}: {
  message: Message;
  versions: Versions;
  live: LiveReplies;
  busy: boolean;
}) {
  const actions = useMessageActions();
  const liveReply = useLiveReply(live, message.id);
  const streaming = message.status === "streaming";
  // While streaming, the events are the record; the persisted parts may only be a checkpoint.
  const parts = streaming && liveReply ? liveReply.parts : partsOf(message);
  const error = message.status === "error" ? (message.error ?? "The model failed to answer.") : liveReply?.error;
  const note = STATUS_NOTES[message.status];
  return (
    <article className="message assistant" aria-label="Answer" aria-busy={streaming}>
      <div className="message-meta">
        {message.model}
        {message.usage && <UsageBadge usage={message.usage} />}
      </div>
      {hasVisibleParts(parts) ? <MessageParts parts={parts} streaming={streaming} /> : streaming && <TypingDots />}
      {error && (
        <p className="message-error" role="alert">
          {error}
        </p>
      )}
      {note && <p className="message-note">{note}</p>}
      {!streaming && (
        <div className="message-toolbar">
          <VersionArrows versions={versions} />
          {message.content && <CopyButton text={message.content} />}
          {!actions.readOnly && (
            <button
              type="button"
              className="icon-button small"
              aria-label="Regenerate"
              title="Regenerate"
              disabled={busy}
              onClick={() => actions.regenerate(message)}
            >
              <RetryIcon />
            </button>
          )}
          {!actions.readOnly && <DeleteBranchButton message={message} disabled={busy} />}
        </div>
      )}
    </article>
  );
}

function TypingDots() {
  return (
    <span className="typing" role="status" aria-label="Generating">
      <span />
      <span />
      <span />
    </span>
  );
}

/** One message of the thread; it renders again only when the message itself (or its live parts) changes. */
export const MessageView = memo(function MessageView({
  message,
  index,
  count,
  previous,
  next,
  live,
  busy,
}: {
  message: Message;
  index: number;
  count: number;
  previous: Message | undefined;
  next: Message | undefined;
  live: LiveReplies;
  /** Another reply is being generated, so editing and regenerating wait. */
  busy: boolean;
}) {
  const versions = { index, count, previous, next };
  if (message.role === "user") return <UserMessage message={message} versions={versions} busy={busy} />;
  return <AssistantMessage message={message} versions={versions} live={live} busy={busy} />;
});
