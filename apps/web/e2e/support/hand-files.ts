import type { Page } from "playwright-core";

/** Puts a file on the page the way a paste (into the message box) or a drop (on the composer) does. */
export async function hand(page: Page, how: "paste" | "drop", file: { name: string; type: string; base64: string }) {
  await page.evaluate(
    ({ how, file }) => {
      const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
      if (how === "paste") {
        const box = document.querySelector("textarea.composer-input") as HTMLTextAreaElement;
        box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
      } else {
        const form = document.querySelector("form.composer") as HTMLFormElement;
        form.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        form.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { how, file },
  );
}
