import { Component, type ComponentType, type ReactNode, useEffect, useState } from "react";

/** What a tool output asks to show: a component of a plugin's UI module, with its props. */
export type PluginUi = { plugin: string; component: string; props?: Record<string, unknown>; version?: string };

export function pluginUiOf(output: unknown): PluginUi | undefined {
  if (!output || typeof output !== "object" || !("ui" in output)) return undefined;
  const ui = (output as { ui: unknown }).ui;
  if (!ui || typeof ui !== "object") return undefined;
  const { plugin, component } = ui as Record<string, unknown>;
  if (typeof plugin !== "string" || typeof component !== "string") return undefined;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(plugin)) return undefined;
  return ui as PluginUi;
}

type Module = Record<string, unknown>;
const modules = new Map<string, Promise<Module>>();

/** A plugin's UI module, once per version: `/plugins/<name>/` is its `ui` entry, so its relative imports resolve. */
function loadModule(plugin: string, version = "") {
  const url = `/plugins/${plugin}/?v=${encodeURIComponent(version)}`;
  let loading = modules.get(url);
  if (!loading) {
    loading = import(/* @vite-ignore */ url) as Promise<Module>;
    loading.catch(() => modules.delete(url));
    modules.set(url, loading);
  }
  return loading;
}

function PluginError({ plugin, message }: { plugin: string; message: string }) {
  return (
    <div className="plugin-error" role="alert">
      <strong>The {plugin} plugin could not show this.</strong> {message}
    </div>
  );
}

/** Keeps a plugin component that throws while rendering inside its card. */
class Boundary extends Component<{ plugin: string; children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  render() {
    if (this.state.error !== null) return <PluginError plugin={this.props.plugin} message={this.state.error} />;
    return this.props.children;
  }
}

/** A plugin's component for a tool output; a module that fails to load or a component that throws shows an error. */
export function PluginView({ ui }: { ui: PluginUi }) {
  const [state, setState] = useState<{ component?: ComponentType<Record<string, unknown>>; error?: string }>({});
  useEffect(() => {
    let current = true;
    setState({});
    loadModule(ui.plugin, ui.version).then(
      (module) => {
        const found = module[ui.component];
        if (!current) return;
        if (typeof found === "function") setState({ component: found as ComponentType<Record<string, unknown>> });
        else setState({ error: `Its UI module has no component ${ui.component}.` });
      },
      (error: unknown) => {
        if (current) setState({ error: `Its UI module did not load (${String(error)}).` });
      },
    );
    return () => {
      current = false;
    };
  }, [ui.plugin, ui.version, ui.component]);
  if (state.error) return <PluginError plugin={ui.plugin} message={state.error} />;
  if (!state.component) return <div className="plugin-loading">Loading the {ui.plugin} view…</div>;
  const Rendered = state.component;
  return (
    <div className="plugin-view" data-plugin={ui.plugin}>
      <Boundary key={`${ui.version}:${ui.component}`} plugin={ui.plugin}>
        <Rendered {...(ui.props ?? {})} />
      </Boundary>
    </div>
  );
}
