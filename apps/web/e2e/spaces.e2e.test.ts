import { describe, expect, it } from "vitest";
import { sendMessage, startAppServer, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, saveScreenshot } from "./support/browser.ts";
import { useTwoPeople } from "./support/fixture.ts";

describe.runIf(chromiumAvailable())("a space shared by two people", () => {
  const people = useTwoPeople(async () => {
    const server = await startAppServer();
    return { adaUrl: server.url, bobUrl: server.url, stop: () => server.stop() };
  });

  it("lets the owner make a space, invite someone, and start a conversation there that they see live", async () => {
    const { ada, bob, bobAccount, problems } = people();
    const adaSidebar = ada.getByRole("navigation", { name: "Conversations" });
    await adaSidebar.getByRole("button", { name: "New space" }).click();
    await adaSidebar.getByRole("textbox", { name: "Name of the new space" }).fill("Research");
    await adaSidebar.getByRole("textbox", { name: "Name of the new space" }).press("Enter");
    await adaSidebar.getByRole("button", { name: "New chat in Research" }).waitFor();

    await adaSidebar.getByRole("button", { name: "Settings of Research" }).click();
    const dialog = ada.getByRole("dialog", { name: "Space settings" });
    await dialog.getByLabel("Email of the person to invite").fill(bobAccount.email);
    await dialog.getByLabel("Role", { exact: true }).selectOption("editor");
    await dialog.getByRole("button", { name: "Invite" }).click();
    await dialog.getByLabel("Role of Bob").waitFor();
    await saveScreenshot({ page: ada, name: "space-settings" });
    await dialog.getByRole("button", { name: "Done" }).click();

    await adaSidebar.getByRole("button", { name: "New chat in Research" }).click();
    await sendMessage(ada, "Quasar observation plan");
    await waitForAnswersDone(ada);
    await adaSidebar
      .getByRole("list", { name: "Conversations in Research" })
      .getByRole("link", { name: /Quasar observation plan/ })
      .waitFor();

    // Bob never reloads: the conversation, and the space it is in, arrive live.
    const bobSidebar = bob.getByRole("navigation", { name: "Conversations" });
    await bobSidebar.getByRole("link", { name: /Quasar observation plan/ }).waitFor();
    await bobSidebar.getByRole("button", { name: "Research" }).click();
    const item = bobSidebar
      .getByRole("list", { name: "Conversations in Research" })
      .getByRole("link", { name: /Quasar observation plan/ });
    await item.click();
    await bob.getByRole("article", { name: "Message from Ada" }).waitFor();
    // An editor of the space writes in its conversations.
    await bob.getByRole("textbox", { name: "Message" }).waitFor();
    await saveScreenshot({ page: bob, name: "space-member" });
    expect(problems).toEqual([[], []]);
  });

  it("takes the space and its conversations away from a removed member, at once", async () => {
    const { ada, bob, problems } = people();
    const adaSidebar = ada.getByRole("navigation", { name: "Conversations" });
    await adaSidebar.getByRole("button", { name: "Settings of Research" }).click();
    const dialog = ada.getByRole("dialog", { name: "Space settings" });
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => dialog.getByLabel("Role of Bob").count()).toBe(0);
    await dialog.getByRole("button", { name: "Done" }).click();

    const bobSidebar = bob.getByRole("navigation", { name: "Conversations" });
    await expect.poll(() => bobSidebar.getByRole("link", { name: /Quasar observation plan/ }).count()).toBe(0);
    await expect.poll(() => bobSidebar.getByRole("button", { name: "Research" }).count()).toBe(0);
    expect(new URL(bob.url()).pathname).toBe("/");
    expect(problems).toEqual([[], []]);
  });
});
