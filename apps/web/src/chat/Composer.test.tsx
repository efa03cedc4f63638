import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "./Composer.tsx";

describe("Composer", () => {
  it("sends on Enter, keeps Shift+Enter as a new line, and clears the box", async () => {
    const onSend = vi.fn(async () => true);
    render(<Composer streaming={false} onSend={onSend} onStop={() => {}} />);
    const box = screen.getByRole("textbox", { name: "Message" });
    await userEvent.type(box, "first line{Shift>}{Enter}{/Shift}second line{Enter}");
    expect(onSend).toHaveBeenCalledWith("first line\nsecond line", []);
    expect((box as HTMLTextAreaElement).value).toBe("");
  });

  it("gives the text back when sending failed", async () => {
    render(<Composer streaming={false} onSend={async () => false} onStop={() => {}} />);
    const box = screen.getByRole("textbox", { name: "Message" });
    await userEvent.type(box, "keep me");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect((box as HTMLTextAreaElement).value).toBe("keep me");
  });

  it("shows Stop while streaming, and Escape stops too", async () => {
    const onStop = vi.fn();
    const onSend = vi.fn(async () => true);
    render(<Composer streaming={true} onSend={onSend} onStop={onStop} />);
    expect(screen.queryByRole("button", { name: "Send" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Stop" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Message" }), "next{Escape}{Enter}");
    expect(onStop).toHaveBeenCalledTimes(2);
    expect(onSend).not.toHaveBeenCalled();
  });
});
