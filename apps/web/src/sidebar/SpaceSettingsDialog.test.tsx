import type { SlipstreamClient } from "@slipstream/client";
import type { Member, Space } from "@slipstream/protocol";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ClientContext } from "../app/client.ts";
import { SpaceSettingsDialog } from "./SpaceSettingsDialog.tsx";

const space = (role: Space["role"]): Space => ({ id: "s1", name: "Research", role, createdAt: "", updatedAt: "" });
const ada: Member = { userId: "u1", email: "ada@example.test", name: "Ada", role: "owner", createdAt: "" };
const bob: Member = { userId: "u2", email: "bob@example.test", name: "Bob", role: "viewer", createdAt: "" };

function renderDialog(role: Space["role"], me = "u1") {
  const members = {
    list: vi.fn(async () => [ada, bob]),
    add: vi.fn(async () => bob),
    update: vi.fn(async () => bob),
    remove: vi.fn(async () => {}),
  };
  const spaces = { update: vi.fn(async () => space(role)), remove: vi.fn(async () => {}), members };
  const handlers = { onChanged: vi.fn(), onGone: vi.fn(), onClose: vi.fn() };
  render(
    <ClientContext value={{ spaces } as unknown as SlipstreamClient}>
      <SpaceSettingsDialog space={space(role)} me={me} {...handlers} />
    </ClientContext>,
  );
  return { spaces, members, ...handlers };
}

describe("SpaceSettingsDialog", () => {
  beforeAll(() => {
    // jsdom has no modal dialogs; an open dialog is enough here.
    HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
      this.open = true;
    };
  });

  it("lets the owner rename the space, invite, change and remove members, and delete it", async () => {
    const { spaces, members, onChanged, onGone } = renderDialog("owner");
    const list = await screen.findByRole("list", { name: "Members" });
    await within(list).findByText("Bob");
    const name = screen.getByRole("textbox", { name: "Space name" });
    await userEvent.clear(name);
    await userEvent.type(name, "Lab");
    await userEvent.click(screen.getByRole("button", { name: "Rename" }));
    expect(spaces.update).toHaveBeenCalledWith("s1", { name: "Lab" });
    await userEvent.type(screen.getByRole("textbox", { name: "Email of the person to invite" }), "cy@example.test");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Role" }), "viewer");
    await userEvent.click(screen.getByRole("button", { name: "Invite" }));
    expect(members.add).toHaveBeenCalledWith("s1", { email: "cy@example.test", role: "viewer" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Role of Bob" }), "editor");
    expect(members.update).toHaveBeenCalledWith("s1", "u2", "editor");
    await userEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(members.remove).toHaveBeenCalledWith("s1", "u2");
    expect(onChanged).toHaveBeenCalledTimes(4);
    await userEvent.click(screen.getByRole("button", { name: "Delete space" }));
    expect(spaces.remove).toHaveBeenCalledWith("s1");
    expect(onGone).toHaveBeenCalled();
  });

  it("says why the server refused, and keeps the space", async () => {
    const { spaces, onGone } = renderDialog("owner");
    spaces.remove.mockRejectedValueOnce(new Error("This space still holds 1 conversation(s)."));
    await userEvent.click(screen.getByRole("button", { name: "Delete space" }));
    expect((await screen.findByRole("alert")).textContent).toContain("still holds 1 conversation");
    expect(onGone).not.toHaveBeenCalled();
  });

  it("shows a member the people and their roles, and lets them leave, but not manage", async () => {
    const { members, onGone } = renderDialog("viewer", "u2");
    await screen.findByText("Bob");
    expect(screen.queryByRole("button", { name: "Invite" })).toBeNull();
    expect(screen.queryByRole("combobox", { name: "Role of Bob" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: "Space name" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Leave space" }));
    expect(members.remove).toHaveBeenCalledWith("s1", "u2");
    expect(onGone).toHaveBeenCalled();
  });
});
