import { CloseIcon } from "../ui/icons.tsx";
import type { PendingAttachment } from "./use-attachments.ts";

/** The files about to be sent: a thumbnail or a name, whether each is still uploading, and a way to drop it. */
export function AttachmentChips({ items, onRemove }: { items: PendingAttachment[]; onRemove: (key: string) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Attachments">
      {items.map((item) => (
        <li key={item.key} className={`attachment-chip ${item.state}`} title={item.error ?? item.name}>
          {item.previewUrl ? (
            <img className="attachment-thumb" src={item.previewUrl} alt="" />
          ) : (
            <span className="attachment-kind" aria-hidden="true">
              {item.name.split(".").pop()?.slice(0, 4).toUpperCase() || "FILE"}
            </span>
          )}
          <span className="attachment-name">{item.name}</span>
          {item.state === "uploading" && <span className="attachment-state">Uploading…</span>}
          {item.state === "error" && <span className="attachment-state error">{item.error}</span>}
          <button
            type="button"
            className="attachment-remove"
            aria-label={`Remove ${item.name}`}
            onClick={() => onRemove(item.key)}
          >
            <CloseIcon />
          </button>
        </li>
      ))}
    </ul>
  );
}
