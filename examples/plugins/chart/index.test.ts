import assert from "node:assert/strict";
import { test } from "node:test";
import plugin from "./index.js";

const context = { userId: "u1", conversationId: "c1", toolCallId: "t1", signal: new AbortController().signal };

test("bar_chart answers with its UI component and a summary the model can read", async () => {
  const bars = [
    { label: "a", value: 2 },
    { label: "b", value: 3 },
  ];
  assert.deepEqual(await plugin.tools.bar_chart.execute({ title: "T", bars }, context), {
    ui: { component: "BarChart", props: { title: "T", bars } },
    summary: "2 bars, total 5",
  });
});
