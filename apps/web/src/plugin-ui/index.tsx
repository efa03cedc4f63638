import type { ReactNode } from "react";

/**
 * `@slipstream/plugin-ui`: what a plugin's UI module may use of the app's look, so that it fits in a message.
 * @example import { Figure } from "@slipstream/plugin-ui";
 */
export function Figure({ caption, children }: { caption?: string; children: ReactNode }) {
  return (
    <figure className="plugin-figure">
      {children}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

/** A number as the reader's locale writes it. */
export const formatNumber = (value: number) => new Intl.NumberFormat().format(value);
