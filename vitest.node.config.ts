import { defineConfig } from "vitest/config";

// Node-side integration tests: the real Worker under `wrangler dev` (port 8789) and real local servers.
export default defineConfig({
  test: {
    include: ["test/node/**/*.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
