/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri loads ui/dist; the dev server must sit on the port tauri.conf.json names.
export default defineConfig({
  plugins: [react()],
  base: "./",
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    chunkSizeWarningLimit: 1500,
    // Only index.html is an entry: mock.html and scripts/ stay out of the bundle.
    rollupOptions: { input: "index.html" },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    include: ["src/**/*.test.{ts,tsx}"],
    // jsdom typing on a busy 2-core machine can pass 5 s; a stuck test still fails.
    testTimeout: 20_000,
  },
});
