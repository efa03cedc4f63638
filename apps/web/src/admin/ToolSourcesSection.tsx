import type { McpServerStatus, PluginStatus, Tool } from "@slipstream/protocol";
import { useCallback } from "react";
import { useClient } from "../app/client.ts";
import { Alert } from "../settings/Alert.tsx";
import { useLoad } from "../settings/use-load.ts";

function State({ state, error }: { state: string; error: string | null }) {
  return (
    <>
      <span className={`source-state ${state}`}>{state}</span>
      {error && <span className="settings-sub source-error">{error}</span>}
    </>
  );
}

function ToolNames({ tools }: { tools: Tool[] }) {
  if (tools.length === 0) return <span className="settings-sub">none</span>;
  return (
    <ul className="source-tools">
      {tools.map((tool) => (
        <li key={tool.id} className="mono" title={tool.description}>
          {tool.name}
        </li>
      ))}
    </ul>
  );
}

function McpServers() {
  const client = useClient();
  const { data, error } = useLoad(useCallback(() => client.admin.mcp(), [client]));
  return (
    <div className="settings-card wide">
      <h2>MCP servers</h2>
      <p className="settings-hint">
        From {data?.config.path ? <code>{data.config.path}</code> : "MCP_CONFIG (not set)"}, reloaded when it changes. A
        server that is down or too slow is skipped until it answers again.
      </p>
      <Alert message={error ?? data?.config.error} />
      {data && data.servers.length > 0 && (
        <table className="settings-table" aria-label="MCP servers">
          <thead>
            <tr>
              <th scope="col">Server</th>
              <th scope="col">Transport</th>
              <th scope="col">State</th>
              <th scope="col">Tools</th>
            </tr>
          </thead>
          <tbody>
            {data.servers.map((server: McpServerStatus) => (
              <tr key={server.name}>
                <td className="mono">{server.name}</td>
                <td>{server.transport}</td>
                <td>
                  <State state={server.state} error={server.error} />
                </td>
                <td>
                  <ToolNames tools={server.tools} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Plugins() {
  const client = useClient();
  const { data, error } = useLoad(useCallback(() => client.tools.plugins(), [client]));
  return (
    <div className="settings-card wide">
      <h2>Plugins</h2>
      <p className="settings-hint">
        From the Git workspace PLUGINS_DIR; a commit reloads the plugins it touches. A plugin that fails, loops or runs
        out of memory shows its error here and offers no tools.
      </p>
      <Alert message={error ?? data?.error} />
      {data && data.plugins.length > 0 && (
        <table className="settings-table" aria-label="Plugins">
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Version</th>
              <th scope="col">Commit</th>
              <th scope="col">Status</th>
              <th scope="col">Tools</th>
            </tr>
          </thead>
          <tbody>
            {data.plugins.map((plugin: PluginStatus) => (
              <tr key={plugin.name}>
                <td className="mono">
                  {plugin.name}
                  {plugin.ui && <span className="settings-sub">with a UI module</span>}
                </td>
                <td>{plugin.version ?? "—"}</td>
                <td className="mono" title={plugin.commit ?? undefined}>
                  {plugin.commit?.slice(0, 7) ?? "files"}
                </td>
                <td>
                  <State state={plugin.status} error={plugin.error} />
                </td>
                <td>
                  <ToolNames tools={plugin.tools} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.plugins.length === 0 && <p className="settings-sub">No plugins in the workspace.</p>}
    </div>
  );
}

/** The tool sources beside the built-in ones: MCP servers and plugins, with their state, errors and tools. */
export function ToolSourcesSection() {
  return (
    <>
      <McpServers />
      <Plugins />
    </>
  );
}
