import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Assets get content hashes in their names, so the server can cache them for a year.
    assetsDir: "assets",
    // Keeps the CSP strict: no inline script, not even the module preload polyfill's.
    modulePreload: { polyfill: false },
    target: "es2022",
    // The limit that matters is the gzipped one, checked by e2e/bundle-size.e2e.test.ts.
    chunkSizeWarningLimit: 700,
    // The server reads which files the vendor entries became, for the import map of plugin UI modules.
    manifest: true,
    rollupOptions: {
      input: {
        index: "index.html",
        // What plugin UI modules import as `react`, `react-dom`, `react/jsx-runtime` and `@slipstream/plugin-ui`:
        // entries of this build, so they share the app's own React instance (one copy, one hooks dispatcher).
        "vendor-react": "src/plugin-ui/vendor-react.ts",
        "vendor-react-dom": "src/plugin-ui/vendor-react-dom.ts",
        "vendor-jsx-runtime": "src/plugin-ui/vendor-jsx-runtime.ts",
        "plugin-ui": "src/plugin-ui/index.tsx",
      },
      // Keep the vendor entries' exports: nothing in the app imports them, plugins do.
      preserveEntrySignatures: "exports-only",
    },
  },
});
