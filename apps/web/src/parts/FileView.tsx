import { useState } from "react";
import { safeFileUrl } from "./file-url.ts";
import { ImageViewer } from "./ImageViewer.tsx";
import type { FilePart } from "./part-types.ts";

/** An image inline, opening large in the image viewer when clicked; any other file as a link to download it. */
export function FileView({ part }: { part: FilePart }) {
  const [viewing, setViewing] = useState(false);
  const image = part.mediaType.startsWith("image/");
  const url = safeFileUrl({ url: part.url, inline: image });
  const name = part.filename ?? (image ? "Image" : `File (${part.mediaType})`);
  if (!url) return <span className="file-link">{name}</span>;
  if (image) {
    return (
      <>
        <button type="button" className="file-image-open" aria-label={`Open ${name}`} onClick={() => setViewing(true)}>
          <img className="file-image" src={url} alt={name} loading="lazy" />
        </button>
        {viewing && (
          <ImageViewer
            src={url}
            name={name}
            downloadName={part.filename ?? "image"}
            onClose={() => setViewing(false)}
          />
        )}
      </>
    );
  }
  return (
    <a className="file-link" href={url} download={part.filename ?? ""} rel="noopener noreferrer">
      {name}
    </a>
  );
}
