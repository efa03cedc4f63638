import { describe, expect, it } from "vitest";
import { answers, sendMessage, startAppServer, waitForAnswersDone } from "./support/app.ts";
import { chromiumAvailable, openPage, saveScreenshot } from "./support/browser.ts";
import { useTwoPeople } from "./support/fixture.ts";

describe.runIf(chromiumAvailable())("a conversation shared by two people", () => {
  const people = useTwoPeople(async () => {
    const server = await startAppServer();
    return { adaUrl: server.url, bobUrl: server.url, stop: () => server.stop() };
  });

  it("lets the owner invite an editor, and each sees the other's messages, answers and presence live", async () => {
    const { ada, bob, bobAccount } = people();
    await sendMessage(ada, "Plan the team offsite");
    await waitForAnswersDone(ada);

    await ada.getByRole("button", { name: "Share" }).click();
    const dialog = ada.getByRole("dialog", { name: "Share this conversation" });
    await dialog.getByLabel("Email of the person to invite").fill(bobAccount.email);
    await dialog.getByLabel("Role", { exact: true }).selectOption("editor");
    await dialog.getByRole("button", { name: "Invite" }).click();
    await dialog.getByLabel("Role of Bob").waitFor();
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByLabel("Share link").waitFor();
    await saveScreenshot({ page: ada, name: "share-dialog" });
    await dialog.getByRole("button", { name: "Done" }).click();

    // The conversation arrives in Bob's sidebar live, marked as shared with him.
    const sidebar = bob.getByRole("navigation", { name: "Conversations" });
    const item = sidebar.getByRole("link", { name: /Plan the team offsite/ });
    await item.waitFor();
    expect(await item.textContent()).toContain("Shared");
    await item.click();
    await bob.getByRole("article", { name: "Message from Ada" }).waitFor();

    // Each sees the other is there; Ada sees Bob typing.
    await ada.getByRole("img", { name: "Bob is here" }).waitFor();
    await bob.getByRole("img", { name: "Ada is here" }).waitFor();
    await bob.getByRole("textbox", { name: "Message" }).pressSequentially("Hi Ada");
    await ada.getByText("Bob is typing…").waitFor();

    await bob.getByRole("textbox", { name: "Message" }).press("Enter");
    const fromBob = ada.getByRole("article", { name: "Message from Bob" });
    await fromBob.waitFor();
    expect(await fromBob.textContent()).toContain("Hi Ada");
    await expect.poll(() => answers(ada).count()).toBe(2);
    await waitForAnswersDone(ada);
    await waitForAnswersDone(bob);
    expect(await answers(ada).last().textContent()).toContain("Hi Ada");
    expect(await answers(bob).last().textContent()).toContain("Hi Ada");
    await saveScreenshot({ page: ada, name: "shared-owner" });
    await saveScreenshot({ page: bob, name: "shared-editor" });
  });

  it("takes the composer away from a member made viewer, at once", async () => {
    const { ada, bob } = people();
    await ada.getByRole("button", { name: "Share" }).click();
    const dialog = ada.getByRole("dialog", { name: "Share this conversation" });
    await dialog.getByLabel("Role of Bob").selectOption("viewer");
    await dialog.getByRole("button", { name: "Done" }).click();
    await bob.getByText("only its editors can write").waitFor();
    expect(await bob.getByRole("textbox", { name: "Message" }).count()).toBe(0);
    expect(await bob.getByRole("button", { name: "Regenerate" }).count()).toBe(0);
    await saveScreenshot({ page: bob, name: "shared-viewer" });
  });

  it("finds a word inside an answer from the sidebar search", async () => {
    const { ada } = people();
    const search = ada.getByRole("searchbox", { name: "Search conversations" });
    await search.fill("offsite");
    const found = ada.getByRole("region", { name: "Messages found" });
    await found.locator("mark").first().waitFor();
    expect((await found.locator("mark").first().textContent())?.toLowerCase()).toBe("offsite");
    await saveScreenshot({ page: ada, name: "search" });
    await search.fill("");
  });

  it("shows the read-only link to someone signed out, with no script", async () => {
    const { ada, problems, browser } = people();
    await ada.getByRole("button", { name: "Share" }).click();
    const dialog = ada.getByRole("dialog", { name: "Share this conversation" });
    const url = await dialog.getByLabel("Share link").inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    const { page: visitor, context } = await openPage(browser);
    await visitor.goto(url);
    await visitor.getByRole("heading", { name: /Plan the team offsite/ }).waitFor();
    expect(await visitor.locator("script").count()).toBe(0);
    expect(await visitor.getByText("Hi Ada").count()).toBe(0);
    await saveScreenshot({ page: visitor, name: "share-page" });
    await context.close();
    expect(problems.flat()).toEqual([]);
  });
});
