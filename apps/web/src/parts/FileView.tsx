import { safeFileUrl } from "./file-url.ts";
import type { FilePart } from "./part-types.ts";

/** An image inline; any other file as a link to download it. */
export function FileView({ part }: { part: FilePart }) {
  const image = part.mediaType.startsWith("image/");
  const url = safeFileUrl({ url: part.url, inline: image });
  const name = part.filename ?? (image ? "Image" : `File (${part.mediaType})`);
  if (!url) return <span className="file-link">{name}</span>;
  if (image) return <img className="file-image" src={url} alt={name} loading="lazy" />;
  return (
    <a className="file-link" href={url} download={part.filename ?? ""} rel="noopener noreferrer">
      {name}
    </a>
  );
}
