import type { SlipstreamClient } from "@slipstream/client";
import type { Import } from "@slipstream/protocol";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ClientContext } from "../app/client.ts";
import { ImportSection } from "./ImportSection.tsx";

const progress = (patch: Partial<Import>): Import => ({
  id: "imp-1",
  status: "queued",
  total: 3,
  done: 0,
  conversationIds: [],
  error: null,
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  ...patch,
});

const chatGptFile = [{ title: "Boats", mapping: {}, current_node: null }];

function renderWith(imports: Partial<SlipstreamClient["imports"]>, onImported = vi.fn()) {
  const client = { imports } as unknown as SlipstreamClient;
  render(
    <ClientContext.Provider value={client}>
      <ImportSection onImported={onImported} pollMs={1} />
    </ClientContext.Provider>,
  );
  return onImported;
}

async function choose(contents: string, name = "conversations.json") {
  await userEvent.upload(
    screen.getByLabelText("File to import"),
    new File([contents], name, { type: "application/json" }),
  );
  await userEvent.click(screen.getByRole("button", { name: "Import" }));
}

describe("ImportSection", () => {
  it("sends the chosen file, shows the job's progress, and says when its conversations are in", async () => {
    const start = vi.fn(async () => progress({}));
    // The job finishes only once the test has seen it half way.
    let finish: (done: Import) => void = () => {};
    const finished = new Promise<Import>((resolve) => {
      finish = resolve;
    });
    const get = vi.fn(async () =>
      get.mock.calls.length === 1 ? progress({ status: "running", done: 1, conversationIds: ["c1"] }) : finished,
    );
    const onImported = renderWith({ start, get });
    await choose(JSON.stringify(chatGptFile));

    expect(start).toHaveBeenCalledWith(chatGptFile);
    expect(await screen.findByText("1 of 3 conversations imported…")).toBeTruthy();
    expect((screen.getByLabelText("Import progress") as HTMLProgressElement).value).toBe(1);
    expect(onImported).not.toHaveBeenCalled();
    finish(progress({ status: "complete", done: 3, conversationIds: ["c1", "c2", "c3"] }));
    expect(await screen.findByText("Imported 3 conversations; they are in your sidebar.")).toBeTruthy();
    expect(get).toHaveBeenCalledWith("imp-1");
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText("Import progress")).toBeNull();
  });

  it("refuses a file that is not JSON before sending anything, and shows why an import failed", async () => {
    const start = vi.fn(async () => progress({}));
    const get = vi.fn(async () => progress({ status: "error", done: 1, error: "The import failed." }));
    const onImported = renderWith({ start, get });
    await choose("not json at all", "notes.txt");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "That file is not JSON: choose ChatGPT's conversations.json, or a Slipstream export.",
    );
    expect(start).not.toHaveBeenCalled();

    await choose(JSON.stringify(chatGptFile));
    expect(await screen.findByText("The import failed.")).toBeTruthy();
    expect(onImported).not.toHaveBeenCalled();
  });
});
