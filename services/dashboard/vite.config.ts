/** Vite build, dev proxy to the gateway, and Vitest settings for the dashboard. */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// the gateway serves the built dashboard on its own origin; in dev, vite forwards to it
const gateway = process.env.CONDUCTOR_GATEWAY ?? "http://127.0.0.1:8000";
const proxy = {
  "/api": { target: gateway, ws: true, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    css: false,
    restoreMocks: true,
  },
});
