import { Figure, formatNumber } from "@slipstream/plugin-ui";
import { createElement as h } from "react";

const WIDTH = 360;
const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 90;

/** A horizontal bar chart of `bars` ({label, value}), sized to the largest value. */
export function BarChart({ title, bars = [] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * (BAR_HEIGHT + GAP);
  return h(
    Figure,
    { caption: title },
    h(
      "svg",
      {
        className: "chart-plugin",
        width: WIDTH,
        height,
        viewBox: `0 0 ${WIDTH} ${height}`,
        role: "img",
        "aria-label": title,
      },
      bars.map((bar, index) => {
        const y = index * (BAR_HEIGHT + GAP);
        const width = Math.max(2, ((WIDTH - LABEL_WIDTH - 50) * bar.value) / max);
        return h(
          "g",
          { key: bar.label },
          h("text", { x: 0, y: y + 15, fontSize: 12, fill: "currentColor" }, bar.label),
          h("rect", { x: LABEL_WIDTH, y, width, height: BAR_HEIGHT, rx: 3, fill: "#4f7cff" }),
          h(
            "text",
            { x: LABEL_WIDTH + width + 6, y: y + 15, fontSize: 12, fill: "currentColor" },
            formatNumber(bar.value),
          ),
        );
      }),
    ),
  );
}
