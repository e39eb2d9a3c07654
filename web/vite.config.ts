/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `make run` serves web/dist on the API's own origin; `npm run dev` proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  build: { outDir: "dist", emptyOutDir: true },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"], // e2e/ is Playwright's (`npm run e2e`)
    css: false,
    testTimeout: 30_000, // a page test clicks through several renders; a loaded machine is slow
  },
});
