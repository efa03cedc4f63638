import { definePlugin } from "@slipstream/plugin-sdk";

/** The example plugin: a tool that draws a bar chart of the numbers the model gives it, shown by its UI module. */
export default definePlugin({
  tools: {
    bar_chart: {
      description: "Shows a bar chart in the chat. Give a title and the bars, each with a label and a number.",
      inputSchema: {
        type: "object",
        properties: {
          title: { type: "string" },
          bars: {
            type: "array",
            items: {
              type: "object",
              properties: { label: { type: "string" }, value: { type: "number" } },
              required: ["label", "value"],
            },
          },
        },
        required: ["bars"],
      },
      execute({ title = "Chart", bars }) {
        const total = bars.reduce((sum, bar) => sum + bar.value, 0);
        return {
          ui: { component: "BarChart", props: { title, bars } },
          summary: `${bars.length} bars, total ${total}`,
        };
      },
    },
  },
});
