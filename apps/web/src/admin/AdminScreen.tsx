import type { User } from "@slipstream/protocol";
import { useCallback } from "react";
import { useClient } from "../app/client.ts";
import { Tabs } from "../settings/Tabs.tsx";
import { UsageReportView } from "../settings/UsageSection.tsx";
import { useLoad } from "../settings/use-load.ts";
import { MenuIcon } from "../ui/icons.tsx";
import { ModelsSection } from "./ModelsSection.tsx";
import { ProvidersSection } from "./ProvidersSection.tsx";
import { ToolSourcesSection } from "./ToolSourcesSection.tsx";
import { UsersSection } from "./UsersSection.tsx";

const TABS = [
  { id: "users", label: "Users" },
  { id: "models", label: "Models" },
  { id: "providers", label: "Providers" },
  { id: "tools", label: "Tools" },
  { id: "usage", label: "Usage" },
];

function EveryonesUsage() {
  const client = useClient();
  const { data, error } = useLoad(useCallback(() => client.admin.usage(), [client]));
  if (error)
    return (
      <p className="settings-status error" role="alert">
        {error}
      </p>
    );
  return <UsageReportView report={data} title="Everyone's usage, last 30 days" />;
}

/** What administrators manage: accounts and their limits, models, provider connections, tool sources, and usage. */
export function AdminScreen({
  user,
  section,
  onSection,
  onModelsChanged,
  onOpenSidebar,
}: {
  user: User;
  section: string | undefined;
  onSection: (section: string) => void;
  onModelsChanged: () => void;
  onOpenSidebar: () => void;
}) {
  const current = TABS.some((tab) => tab.id === section) ? (section as string) : "users";
  return (
    <main className="settings" aria-label="Administration">
      <header className="chat-header">
        <button type="button" className="icon-button sidebar-toggle" aria-label="Open sidebar" onClick={onOpenSidebar}>
          <MenuIcon />
        </button>
        <h1 className="chat-title">Administration</h1>
      </header>
      <div className="settings-body">
        {user.role !== "admin" ? (
          <p className="settings-status error" role="alert">
            Only administrators may open this page.
          </p>
        ) : (
          <Tabs label="Administration" tabs={TABS} current={current} onSelect={onSection}>
            {current === "users" && <UsersSection me={user} />}
            {current === "models" && <ModelsSection onChanged={onModelsChanged} />}
            {current === "providers" && <ProvidersSection onChanged={onModelsChanged} />}
            {current === "tools" && <ToolSourcesSection />}
            {current === "usage" && <EveryonesUsage />}
          </Tabs>
        )}
      </div>
    </main>
  );
}
