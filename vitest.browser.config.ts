import { defineConfig } from "vitest/config";

// Page tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core against a
// `wrangler dev` that the global setup starts with fresh local state.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["./test/browser/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
