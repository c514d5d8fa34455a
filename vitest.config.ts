import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd with real D1 and KV, both databases migrated from migrations/.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./migrations/main"),
          TEST_JOURNAL_MIGRATIONS: await readD1Migrations("./migrations/journal"),
          // A test-only pepper; production's is a Worker secret (see .dev.vars.example).
          PASSWORD_PEPPER: "test-pepper-not-a-secret",
        },
        // Lets tests call the Worker's scheduled() handler through exports.default.
        compatibilityFlags: ["service_binding_extra_handlers"],
      },
    }),
  ],
  test: {
    include: ["test/workers/**/*.test.ts", "test/workers/**/*.test.tsx"],
    setupFiles: ["./test/workers/apply-migrations.ts"],
  },
}));
