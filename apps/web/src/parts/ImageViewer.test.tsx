import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FileView } from "./FileView.tsx";
import { MessageParts } from "./MessageParts.tsx";

const generated = { type: "file" as const, mediaType: "image/png", url: "/api/files/img-1", filename: "image-1.png" };

function openViewer() {
  render(<FileView part={generated} />);
  const opener = screen.getByRole("button", { name: "Open image-1.png" });
  return { opener };
}

describe("the image viewer", () => {
  it("opens an image of the thread large in a modal dialog, with a download link, the focus on its close button", async () => {
    const { opener } = openViewer();
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "image-1.png" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const large = dialog.querySelector("img");
    expect(large?.getAttribute("src")).toBe("/api/files/img-1");
    const download = screen.getByRole("link", { name: "Download image-1.png" });
    expect(download.getAttribute("href")).toBe("/api/files/img-1");
    expect(download.getAttribute("download")).toBe("image-1.png");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
  });

  it("closes on Escape and gives the focus back to the image that opened it", async () => {
    const { opener } = openViewer();
    await userEvent.click(opener);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("closes with its close button", async () => {
    const { opener } = openViewer();
    await userEvent.click(opener);
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("closes on a click beside the image, not on the image itself", async () => {
    const { opener } = openViewer();
    await userEvent.click(opener);
    const dialog = screen.getByRole("dialog");
    fireEvent.click(dialog.querySelector("img") as HTMLImageElement);
    expect(screen.getByRole("dialog")).toBeTruthy();
    fireEvent.click(document.querySelector(".image-viewer-backdrop") as HTMLElement);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("keeps Tab and Shift+Tab inside the dialog while it is open", async () => {
    const { opener } = openViewer();
    await userEvent.click(opener);
    const close = screen.getByRole("button", { name: "Close" });
    const download = screen.getByRole("link", { name: "Download image-1.png" });
    await userEvent.tab();
    expect(document.activeElement).toBe(download);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(close);
  });

  it("opens an attached image the same way, and offers no viewer for a file that is not an image", async () => {
    render(
      <FileView part={{ type: "file", mediaType: "image/jpeg", url: "/api/files/photo", filename: "photo.jpg" }} />,
    );
    render(
      <FileView part={{ type: "file", mediaType: "application/pdf", url: "/api/files/doc", filename: "a.pdf" }} />,
    );
    expect(screen.queryByRole("button", { name: "Open a.pdf" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Open photo.jpg" }));
    expect(screen.getByRole("dialog", { name: "photo.jpg" })).toBeTruthy();
  });
});

describe("an image model's reply", () => {
  const progress = { type: "data-image-progress", id: "progress", data: { message: "Generating image…" } };

  it("says it is generating while it streams, and shows the image, not the notice, once it has it", () => {
    const { rerender } = render(<MessageParts parts={[progress]} streaming />);
    expect(screen.getByRole("status").textContent).toBe("Generating image…");
    rerender(<MessageParts parts={[progress, generated]} streaming={false} />);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByRole("button", { name: "Open image-1.png" })).toBeTruthy();
  });
});
