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
  },
});
