import type { ByteRange } from "../../blobs/index.ts";
import { DomainError } from "../../errors.ts";

/**
 * The single range of an HTTP `Range: bytes=…` header within `size` bytes (`a-b`, `a-`, `-n`), or undefined for
 * the whole file (no header, or several ranges, which a server may answer in full). Throws 416 for a range past
 * the end.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return undefined;
  const range =
    from === ""
      ? { start: Math.max(0, size - Number(to)), end: size - 1 }
      : { start: Number(from), end: to === "" ? size - 1 : Math.min(Number(to), size - 1) };
  if (range.start > range.end || range.start >= size) {
    throw new DomainError("range_not_satisfiable", `The file has ${size} bytes.`);
  }
  return range;
}
