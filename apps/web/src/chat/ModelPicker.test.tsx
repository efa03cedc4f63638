import type { Model, ProviderStatus } from "@slipstream/protocol";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ModelPicker } from "./ModelPicker.tsx";

const demo: Model = { id: "demo/echo", provider: "demo", name: "Demo (echo)", kind: "chat", vision: false };
const localDown: ProviderStatus = { id: "local", status: "unreachable", message: "Could not connect." };
const openaiUp: ProviderStatus = { id: "openai", status: "available", message: null };

const options = () =>
  screen.getAllByRole("option").map((option) => ({
    label: option.textContent,
    disabled: (option as HTMLOptionElement).disabled,
  }));

describe("ModelPicker", () => {
  it("names a provider that could not be reached, beside the models that are offered", () => {
    render(<ModelPicker models={[demo]} providers={[openaiUp, localDown]} value="demo/echo" onChange={() => {}} />);
    expect(screen.getByRole("status").textContent).toBe("local: unreachable — could not connect");
    expect(options()).toEqual([
      { label: "Demo (echo)", disabled: false },
      { label: "local: unreachable — could not connect", disabled: true },
    ]);
    expect(screen.getByLabelText("Model").getAttribute("aria-describedby")).toBe(screen.getByRole("status").id);
  });

  it("keeps a model of an unreachable provider selected and says so, instead of switching to another", () => {
    render(<ModelPicker models={[demo]} providers={[localDown]} value="local/llama3.2" onChange={() => {}} />);
    expect((screen.getByLabelText("Model") as HTMLSelectElement).value).toBe("local/llama3.2");
    expect(options()[0]).toEqual({ label: "local/llama3.2 (unreachable)", disabled: false });
  });

  it("shows no status when every provider answered, and reports a choice", async () => {
    const onChange = vi.fn();
    const other: Model = {
      id: "openai/gpt-4.1-mini",
      provider: "openai",
      name: "GPT-4.1 mini",
      kind: "chat",
      vision: true,
    };
    render(<ModelPicker models={[demo, other]} providers={[openaiUp]} value="demo/echo" onChange={onChange} />);
    expect(screen.queryByRole("status")).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText("Model"), "openai/gpt-4.1-mini");
    expect(onChange).toHaveBeenCalledWith("openai/gpt-4.1-mini");
  });

  it("offers image models after the chat models, in their own group, each marked as an image model", async () => {
    const onChange = vi.fn();
    const image: Model = {
      id: "demo/image",
      provider: "demo",
      name: "Demo (offline image)",
      kind: "image",
      vision: false,
    };
    render(<ModelPicker models={[image, demo]} providers={[]} value="demo/echo" onChange={onChange} />);
    expect(options().map((option) => option.label)).toEqual(["Demo (echo)", "Demo (offline image) — image"]);
    expect(screen.getByRole("group", { name: "Image models" })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText("Model"), "demo/image");
    expect(onChange).toHaveBeenCalledWith("demo/image");
  });
});
