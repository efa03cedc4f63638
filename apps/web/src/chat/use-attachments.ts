import type { FileInfo } from "@slipstream/protocol";
import { useCallback, useEffect, useRef, useState } from "react";

/** A file picked, dropped or pasted into the composer, while it uploads and once the server took it. */
export type PendingAttachment = {
  key: string;
  name: string;
  image: boolean;
  /** A local preview of an image, shown before (and while) it uploads. */
  previewUrl?: string;
  state: "uploading" | "ready" | "error";
  file?: FileInfo;
  error?: string;
};

let nextKey = 0;

/**
 * The composer's attachments: each file starts uploading as soon as it is added, so that sending waits for
 * nothing but the slowest upload. Previews are object URLs, revoked when the attachment goes.
 */
export function useAttachments(upload: (file: File) => Promise<FileInfo>) {
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const previews = useRef(new Set<string>());

  useEffect(() => {
    const urls = previews.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, []);

  const patch = useCallback(
    (key: string, change: Partial<PendingAttachment>) =>
      setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item))),
    [],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = `a${nextKey++}`;
        const image = file.type.startsWith("image/");
        const previewUrl = image ? URL.createObjectURL(file) : undefined;
        if (previewUrl) previews.current.add(previewUrl);
        // A pasted screenshot comes as "image.png"; it keeps a readable name all the same.
        const name = file.name || "pasted image.png";
        setItems((current) => [...current, { key, name, image, previewUrl, state: "uploading" }]);
        const named = file.name ? file : new File([file], name, { type: file.type });
        upload(named).then(
          (stored) => patch(key, { state: "ready", file: stored }),
          (failure: unknown) =>
            patch(key, { state: "error", error: failure instanceof Error ? failure.message : "Upload failed" }),
        );
      }
    },
    [upload, patch],
  );

  const remove = useCallback((key: string) => {
    setItems((current) => {
      const gone = current.find((item) => item.key === key);
      if (gone?.previewUrl) {
        URL.revokeObjectURL(gone.previewUrl);
        previews.current.delete(gone.previewUrl);
      }
      return current.filter((item) => item.key !== key);
    });
  }, []);

  const clear = useCallback(() => setItems([]), []);

  return {
    items,
    add,
    remove,
    clear,
    uploading: items.some((item) => item.state === "uploading"),
    holdsImage: items.some((item) => item.image),
    /** The ids of the files ready to send (failed ones stay as chips with their error, and are not sent). */
    readyIds: items.flatMap((item) => (item.state === "ready" && item.file ? [item.file.id] : [])),
  };
}
