import type { FileInfo } from "@slipstream/protocol";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "./Composer.tsx";

const stored = (id: string, name: string): FileInfo => ({
  id,
  name,
  contentType: "text/plain",
  size: 4,
  url: `/api/files/${id}`,
  createdAt: "2030-01-01T00:00:00.000Z",
});

// The picker's `accept` narrows what a person is offered; the server, not the picker, decides what it takes.
const user = userEvent.setup({ applyAccept: false });

describe("Composer attachments", () => {
  it("uploads picked files at once, waits for them before sending, and sends the ready ones' ids", async () => {
    let finish: (file: FileInfo) => void = () => {};
    const onUpload = vi.fn(
      (file: File) =>
        new Promise<FileInfo>((resolve) => {
          finish = () => resolve(stored("f1", file.name));
        }),
    );
    const onSend = vi.fn(async () => true);
    render(<Composer streaming={false} onSend={onSend} onStop={() => {}} onUpload={onUpload} />);
    await user.upload(screen.getByLabelText("Files to attach"), new File(["note"], "note.txt"));
    expect(onUpload).toHaveBeenCalledTimes(1);
    expect(screen.getByText("Uploading…")).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: "Message" }), "read this");
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);

    finish(stored("f1", "note.txt"));
    await screen.findByRole("button", { name: "Remove note.txt" });
    await vi.waitFor(() => expect(screen.queryByText("Uploading…")).toBeNull());
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("read this", ["f1"]);
    expect(screen.queryByRole("list", { name: "Attachments" })).toBeNull();
  });

  it("shows why an upload failed, and does not send that file", async () => {
    const onSend = vi.fn(async () => true);
    const onUpload = vi.fn(async () => {
      throw new Error("Files of type application/zip are not accepted");
    });
    render(<Composer streaming={false} onSend={onSend} onStop={() => {}} onUpload={onUpload} />);
    await user.upload(screen.getByLabelText("Files to attach"), new File(["PK"], "a.zip"));
    await screen.findByText("Files of type application/zip are not accepted");
    await user.type(screen.getByRole("textbox", { name: "Message" }), "hi{Enter}");
    expect(onSend).toHaveBeenCalledWith("hi", []);
  });
  it("for a model that cannot see images, offers no images, and holds the send while one is attached", async () => {
    const onSend = vi.fn(async () => true);
    const onUpload = vi.fn(async (file: File) => stored(file.name, file.name));
    render(
      <Composer
        streaming={false}
        onSend={onSend}
        onStop={() => {}}
        onUpload={onUpload}
        imagesUnseenBy="Demo (offline echo)"
      />,
    );
    expect(screen.getByLabelText("Files to attach").getAttribute("accept")).not.toContain("image/");
    await user.upload(screen.getByLabelText("Files to attach"), new File(["png"], "chart.png", { type: "image/png" }));
    await screen.findByRole("button", { name: "Remove chart.png" });
    expect(screen.getByRole("alert").textContent).toBe(
      "Demo (offline echo) cannot see images: remove the image, or choose a model that can.",
    );
    await user.type(screen.getByRole("textbox", { name: "Message" }), "what is this{Enter}");
    expect(onSend).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Remove chart.png" }));
    expect(screen.queryByRole("alert")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("what is this", []);
  });
});
