import type { SlipstreamClient } from "@slipstream/client";
import type { AuthProvidersResponse } from "@slipstream/protocol";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ClientContext } from "../app/client.ts";
import { AuthScreen } from "./AuthScreen.tsx";

function renderWith(answer: AuthProvidersResponse) {
  const client = { auth: { providers: async () => answer } } as unknown as SlipstreamClient;
  render(
    <ClientContext.Provider value={client}>
      <AuthScreen onSignedIn={() => {}} />
    </ClientContext.Provider>,
  );
}

describe("AuthScreen", () => {
  it("offers no sign-up on a server where administrators add accounts, and says so", async () => {
    renderWith({ password: true, signup: false, providers: [] });
    expect(await screen.findByText("New accounts are added by an administrator.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Create an account" })).toBeNull();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
  });

  it("offers sign-up where registration is open", async () => {
    renderWith({ password: true, signup: true, providers: [] });
    expect(await screen.findByRole("button", { name: "Create an account" })).toBeTruthy();
  });
});
