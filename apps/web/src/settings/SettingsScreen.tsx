import type { User } from "@slipstream/protocol";
import { useCallback } from "react";
import { useClient } from "../app/client.ts";
import { MenuIcon } from "../ui/icons.tsx";
import { AccountSection } from "./AccountSection.tsx";
import { ImportSection } from "./ImportSection.tsx";
import { KeysSection } from "./KeysSection.tsx";
import { SecretsSection } from "./SecretsSection.tsx";
import { Tabs } from "./Tabs.tsx";
import { TokensSection } from "./TokensSection.tsx";
import { TriggersSection } from "./TriggersSection.tsx";
import { UsageReportView } from "./UsageSection.tsx";
import { useLoad } from "./use-load.ts";
import { WebhooksSection } from "./WebhooksSection.tsx";

const TABS = [
  { id: "account", label: "Account" },
  { id: "keys", label: "Provider keys" },
  { id: "tokens", label: "API tokens" },
  { id: "secrets", label: "Secrets" },
  { id: "usage", label: "Usage" },
  { id: "triggers", label: "Triggers" },
  { id: "webhooks", label: "Webhooks" },
  { id: "import", label: "Import" },
];

function MyUsage() {
  const client = useClient();
  const { data, error } = useLoad(useCallback(() => client.usage.get(), [client]));
  if (error)
    return (
      <p className="settings-status error" role="alert">
        {error}
      </p>
    );
  return <UsageReportView report={data} title="Your usage, last 30 days" />;
}

/** Your account, provider keys, API tokens, usage, triggers, outbound webhooks and imports. */
export function SettingsScreen({
  user,
  section,
  onSection,
  onSignedOut,
  onModelsChanged,
  onImported,
  onOpenSidebar,
}: {
  user: User;
  section: string | undefined;
  onSection: (section: string) => void;
  onSignedOut: () => void;
  onModelsChanged: () => void;
  /** An import wrote its conversations: the sidebar reads the list again. */
  onImported: () => void;
  onOpenSidebar: () => void;
}) {
  const current = TABS.some((tab) => tab.id === section) ? (section as string) : "account";
  return (
    <main className="settings" aria-label="Settings">
      <header className="chat-header">
        <button type="button" className="icon-button sidebar-toggle" aria-label="Open sidebar" onClick={onOpenSidebar}>
          <MenuIcon />
        </button>
        <h1 className="chat-title">Settings</h1>
      </header>
      <div className="settings-body">
        <Tabs label="Settings" tabs={TABS} current={current} onSelect={onSection}>
          {current === "account" && <AccountSection user={user} onSignedOut={onSignedOut} />}
          {current === "keys" && <KeysSection onChanged={onModelsChanged} />}
          {current === "tokens" && <TokensSection />}
          {current === "secrets" && <SecretsSection />}
          {current === "usage" && <MyUsage />}
          {current === "triggers" && <TriggersSection />}
          {current === "webhooks" && <WebhooksSection />}
          {current === "import" && <ImportSection onImported={onImported} />}
        </Tabs>
      </div>
    </main>
  );
}
