import { type KeyboardEvent, useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import { CloseIcon, DownloadIcon } from "../ui/icons.tsx";

/**
 * An image opened large over the page, as a modal dialog: Escape, its close button or a click beside the image
 * closes it, and it links to a download of the image. Focus moves to the close button, stays inside while it is
 * open, and goes back to whatever opened it.
 */
export function ImageViewer({
  src,
  name,
  downloadName,
  onClose,
}: {
  src: string;
  name: string;
  /** The file name a download is saved under. */
  downloadName: string;
  onClose: () => void;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  // Read when a key is pressed, so that a new `onClose` on each render does not move the focus again.
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      close.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      opener?.focus();
    };
  }, []);

  /** Tab and Shift+Tab go round the dialog's own controls. */
  const keepFocusInside = (event: KeyboardEvent) => {
    if (event.key !== "Tab") return;
    const controls = [...(panel.current?.querySelectorAll<HTMLElement>("a[href], button") ?? [])];
    const first = controls[0];
    const last = controls.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="image-viewer">
      <button type="button" className="image-viewer-backdrop" tabIndex={-1} aria-hidden="true" onClick={onClose} />
      <div
        ref={panel}
        className="image-viewer-panel"
        role="dialog"
        aria-modal="true"
        aria-label={name}
        onKeyDown={keepFocusInside}
      >
        <div className="image-viewer-bar">
          <span className="image-viewer-name">{name}</span>
          <a className="icon-button" href={src} download={downloadName} aria-label={`Download ${name}`}>
            <DownloadIcon />
          </a>
          <button ref={closeButton} type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
        <img className="image-viewer-image" src={src} alt={name} />
      </div>
    </div>,
    document.body,
  );
}
